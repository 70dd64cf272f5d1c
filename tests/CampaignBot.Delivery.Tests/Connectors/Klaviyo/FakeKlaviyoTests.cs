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

    [Fact]
    public async Task A_profile_is_found_by_any_identifier_and_keeps_its_id_across_lists()
    {
        await PostAsync("api/profile-bulk-import-jobs", Job("""{"type":"profile","attributes":{"external_id":"C1","email":"a@example.com","phone_number":"+15551234567"}}"""));
        await PostAsync("api/lists", """{"data":{"type":"list","attributes":{"name":"Other"}}}""");
        var other = _fake.ListId("Other")!;
        await PostAsync("api/profile-bulk-import-jobs", Job("""{"type":"profile","attributes":{"external_id":"C1"}}""").Replace(_listId, other, StringComparison.Ordinal));
        _fake.Members(other); // reading the members waits for the imports

        foreach (var filter in new[] { """any(email,["a@example.com","b@example.com"])""", """any(external_id,["C1"])""", """any(phone_number,["+15551234567"])""" })
        {
            var page = await _http.GetStringAsync($"api/profiles?filter={Uri.EscapeDataString(filter)}&fields[profile]=email&page[size]=100");
            Assert.Contains($"\"id\":\"{FakeKlaviyo.ProfileId("C1")}\"", page, StringComparison.Ordinal);
        }

        Assert.Empty(_fake.Violations);
    }

    [Theory]
    [InlineData("""equals(email,"a@example.com")""", 100)]
    [InlineData("""any(first_name,["Ada"])""", 100)]
    [InlineData("""any(email,["a@example.com"])""", 101)]
    public async Task A_profile_lookup_beyond_the_documented_filter_or_page_is_refused(string filter, int size)
    {
        var response = await _http.GetAsync($"api/profiles?filter={Uri.EscapeDataString(filter)}&page[size]={size}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(_fake.Violations);
    }

    [Fact]
    public async Task A_profile_lookup_of_more_than_100_values_is_refused()
    {
        var filter = $"any(email,[{string.Join(',', Enumerable.Range(0, 101).Select(n => $"\"c{n}@example.com\""))}])";

        Assert.Equal(HttpStatusCode.BadRequest, (await _http.GetAsync($"api/profiles?filter={Uri.EscapeDataString(filter)}")).StatusCode);
        Assert.Contains("a profile lookup of 101 values", _fake.Violations);
    }

    [Fact]
    public async Task Removing_profiles_from_a_list_takes_their_ids_and_answers_204()
    {
        await PostAsync("api/profile-bulk-import-jobs", Job("""{"type":"profile","attributes":{"external_id":"C1"}},{"type":"profile","attributes":{"external_id":"C2"}}"""));
        _fake.Members(_listId); // reading the members waits for the import

        var response = await DeleteAsync($"api/lists/{_listId}/relationships/profiles", Removal(FakeKlaviyo.ProfileId("C1"), "01UNKNOWN"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("C2", Assert.Single(_fake.Members(_listId))["external_id"]);
        Assert.Equal(HttpStatusCode.NotFound, (await DeleteAsync("api/lists/L99999/relationships/profiles", Removal("01X"))).StatusCode);
        Assert.Empty(_fake.Violations);
    }

    [Fact]
    public async Task A_removal_beyond_the_documented_shape_is_refused()
    {
        var path = $"api/lists/{_listId}/relationships/profiles";

        Assert.Equal(HttpStatusCode.BadRequest, (await DeleteAsync(path, Removal([.. Enumerable.Range(0, 1_001).Select(n => $"P{n}")]))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DeleteAsync(path, """{"data":[{"type":"person","id":"01X"}]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await _http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = new StringContent(Removal("01X"), Encoding.UTF8, "application/json") })).StatusCode);
        Assert.Equal(3, _fake.Violations.Count);
    }

    private static string Removal(params string[] ids) => $$"""{"data":[{{string.Join(',', ids.Select(id => $$"""{"type":"profile","id":"{{id}}"}"""))}}]}""";

    private Task<HttpResponseMessage> DeleteAsync(string path, string body) =>
        _http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/vnd.api+json")) });

    private string Job(string profiles) =>
        $$$$$"""{"data":{"type":"profile-bulk-import-job","attributes":{"profiles":{"data":[{{{{{profiles}}}}}]}},"relationships":{"lists":{"data":[{"type":"list","id":"{{{{{_listId}}}}}"}]}}}}""";

    private Task<HttpResponseMessage> PostAsync(string path, string body) =>
        _http.PostAsync(path, new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/vnd.api+json")));
}
