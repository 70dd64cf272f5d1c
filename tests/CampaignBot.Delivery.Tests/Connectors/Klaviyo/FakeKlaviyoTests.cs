using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Klaviyo;

/// <summary>The fake refuses what Klaviyo would, so connector tests that pass against it mean something.</summary>
public sealed class FakeKlaviyoTests : IAsyncLifetime
{
    private readonly FakeKlaviyo _fake = new(KlaviyoTestInstance.ApiKey);
    private HttpClient _http = null!;
    private string _listId = null!;

    public async Task InitializeAsync()
    {
        await _fake.StartAsync();
        _http = new HttpClient { BaseAddress = _fake.BaseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Klaviyo-API-Key", KlaviyoTestInstance.ApiKey);
        _http.DefaultRequestHeaders.Add("revision", "2025-10-15");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("api/lists", """{"data":{"type":"list","attributes":{"name":"Shapes"}}}""")).StatusCode);
        _listId = _fake.ListId("Shapes")!;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task A_documented_job_is_accepted_and_its_profiles_join_the_list_with_their_values()
    {
        var response = await PostAsync("api/profile-bulk-import-jobs", Job("""{"type":"profile","attributes":{"external_id":"C\u0031","email":"a@example.com","location":{"city":"Oslo"},"properties":{"tier":"gold"}}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var member = Assert.Single(_fake.Members(_listId));
        Assert.Equal(new Dictionary<string, string> { ["external_id"] = "C1", ["email"] = "a@example.com", ["location.city"] = "Oslo", ["properties.tier"] = "gold" }, member);
        Assert.Empty(_fake.Violations);
    }

    [Fact]
    public async Task A_list_given_in_attributes_instead_of_relationships_is_refused()
    {
        var body = $$$$$"""{"data":{"type":"profile-bulk-import-job","attributes":{"list_id":"{{{{{_listId}}}}}","profiles":{"data":[{"type":"profile","attributes":{"email":"a@example.com"}}]}}}}""";

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("api/profile-bulk-import-jobs", body)).StatusCode);
        Assert.Contains("a bulk import job without a known list in relationships.lists", _fake.Violations);
    }

    [Fact]
    public async Task More_than_ten_thousand_profiles_in_one_job_are_refused()
    {
        var profiles = string.Join(',', Enumerable.Range(0, 10_001).Select(n => $$$"""{"type":"profile","attributes":{"external_id":"C{{{n}}}"}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("api/profile-bulk-import-jobs", Job(profiles))).StatusCode);
        Assert.Contains("a bulk import job of 10001 profiles", _fake.Violations);
    }

    [Theory]
    [InlineData("""{"data":{"type":"profile-bulk-import-job","attributes":{"profiles":[]}}}""")]
    [InlineData("""{"data":{"type":"profile-bulk-import-job","attributes":{"profiles":{"data":[""")]
    public async Task A_body_that_is_not_the_documented_shape_is_refused(string body)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("api/profile-bulk-import-jobs", body)).StatusCode);
        Assert.NotEmpty(_fake.Violations);
        Assert.Empty(_fake.Members(_listId));
    }

    [Theory]
    [InlineData("""{"type":"person","attributes":{"external_id":"C1"}}""", "a profile whose type is not \"profile\"")]
    [InlineData("""{"type":"profile","attributes":{"external_id":"C1","first_name":7}}""", "a profile attribute that is a Number")]
    [InlineData("""{"type":"profile","external_id":"C1"}""", "a profile without attributes")]
    public async Task A_malformed_profile_is_counted_as_failed_and_as_a_violation(string profile, string problem)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("api/profile-bulk-import-jobs", Job(profile))).StatusCode);

        Assert.Equal(0, Assert.Single(_fake.JobsOf(_listId)).Imported);
        Assert.Contains($"a bulk import job with {problem}", _fake.Violations);
    }

    private string Job(string profiles) =>
        $$$$$"""{"data":{"type":"profile-bulk-import-job","attributes":{"profiles":{"data":[{{{{{profiles}}}}}]}},"relationships":{"lists":{"data":[{"type":"list","id":"{{{{{_listId}}}}}"}]}}}}""";

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        _http.PostAsync(path, new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/vnd.api+json")));
}
