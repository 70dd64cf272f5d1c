using System.Net;
using System.Text;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Tests.Http;

public sealed class ApiProblemTests
{
    [Fact]
    public async Task An_invalid_campaign_gets_422_with_every_problem_keyed_by_its_path_and_nothing_is_saved()
    {
        await using var host = new LifecycleHost();
        var draft = TestDrafts.OneTime().WithSubAudience(s => s with
        {
            ControlPercent = 20,
            Groups = [s.Groups![0] with { Percent = 45 }, s.Groups[1] with { Destinations = [new DestinationDraft { Destination = "nowhere" }] }],
        }) with { Name = " " };

        using var response = await host.Client("maya").PostJsonAsync("/api/campaigns", draft);

        var errors = (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors();
        Assert.Contains("name", errors.Keys);
        Assert.Contains("subAudiences[0].groups[1].destinations[0].destination", errors.Keys);
        Assert.Contains("subAudiences[0].groups", errors.Keys);
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    [Fact]
    public async Task Malformed_json_gets_400_as_a_problem()
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostAsync("/api/campaigns", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_limit_gets_413_and_nothing_is_saved(bool chunked)
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?> { ["Api:MaxRequestBodyBytes"] = "2048" });
        var draft = TestDrafts.OneTime() with { Description = new string('x', 4096) };

        using var response = chunked
            ? await host.Client("maya").PostJsonAsync("/api/campaigns", draft)
            : await host.Client("maya").PostAsync("/api/campaigns", new StringContent(System.Text.Json.JsonSerializer.Serialize(draft), Encoding.UTF8, "application/json"));

        Assert.StartsWith("The body is ", (await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Detail(), StringComparison.Ordinal);
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    [Fact]
    public async Task An_unknown_api_route_gets_404_as_a_problem()
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").GetAsync("/api/nothing-here");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_caller_over_the_rate_limit_gets_429_with_retry_after_while_others_carry_on()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?> { ["Api:PermitsPerMinute"] = "3" });
        using var maya = host.Client("maya");
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await maya.GetAsync("/api/segments");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await maya.GetAsync("/api/segments");
        using var other = await host.Client("omar").GetAsync("/api/segments");

        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_callers_own_request_id_is_kept_and_returned()
    {
        await using var host = new LifecycleHost();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/campaigns/{Guid.NewGuid()}");
        request.Headers.Add("X-Request-Id", "crm-sync-42");

        using var response = await host.Client("maya").SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("crm-sync-42", problem.GetProperty("requestId").GetString());
    }
}
