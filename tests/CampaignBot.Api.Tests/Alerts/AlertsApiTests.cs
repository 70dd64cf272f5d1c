using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Api.Tests.Alerts;

public sealed class AlertsApiTests
{
    [Fact]
    public async Task Alerts_are_listed_with_their_state_and_filtered_by_state_and_campaign()
    {
        await using var alerts = await AlertHost.StartAsync(await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }));
        var id = await alerts.RunAsync();
        await alerts.PostedAsync();

        var all = await alerts.ListAsync();
        var open = await alerts.ListAsync("?state=OPEN");
        var mine = await alerts.ListAsync($"?campaign={id}");
        var other = await alerts.ListAsync($"?campaign={Guid.NewGuid()}");
        var recovered = await alerts.ListAsync("?state=recovered");
        var viewer = await alerts.ListAsync(user: "vic");

        var alert = Assert.Single(all["items"]!.AsArray())!;
        Assert.Equal(("Open", "Authentication", id.ToString(), "Winter welcome", "klaviyo-main", "Klaviyo"),
            (alert["state"]!.GetValue<string>(), alert["failure"]!.GetValue<string>(), alert["campaignId"]!.GetValue<string>(), alert["campaign"]!.GetValue<string>(),
                alert["destination"]!.GetValue<string>(), alert["service"]!.GetValue<string>()));
        Assert.Equal(["acknowledge", "mute", "retry"], alert["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(1, all["total"]!.GetValue<int>());
        Assert.Single(open["items"]!.AsArray());
        Assert.Single(mine["items"]!.AsArray());
        Assert.Empty(other["items"]!.AsArray());
        Assert.Empty(recovered["items"]!.AsArray());
        Assert.Empty(Assert.Single(viewer["items"]!.AsArray())!["actions"]!.AsArray());
    }

    [Theory]
    [InlineData("?state=closed", "state")]
    [InlineData("?state=2", "state")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=101", "pageSize")]
    public async Task A_bad_filter_is_a_validation_problem_naming_it(string query, string field)
    {
        await using var alerts = await AlertHost.StartAsync();
        using var client = alerts.Host.Client("maya");

        using var response = await client.GetAsync($"/api/alerts{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task An_unknown_alert_is_not_found_to_read_and_to_answer()
    {
        await using var alerts = await AlertHost.StartAsync();
        using var client = alerts.Host.Client("maya");
        var unknown = Guid.NewGuid();

        using var read = await client.GetAsync($"/api/alerts/{unknown}");
        using var acknowledge = await client.PostAsync($"/api/alerts/{unknown}/acknowledge", null);
        using var retry = await client.PostAsync($"/api/alerts/{unknown}/retry", null);
        using var mute = await client.PostAsJsonAsync($"/api/alerts/{unknown}/mute", new { hours = 4 });

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound],
            new[] { read, acknowledge, retry, mute }.Select(r => r.StatusCode));
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Acknowledge_mute_and_retry_record_who_and_a_second_acknowledge_conflicts()
    {
        await using var alerts = await AlertHost.StartAsync(await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }));
        await alerts.RunAsync();
        await alerts.PostedAsync();
        var alertId = (await alerts.OnlyAlertAsync())["id"]!.GetValue<string>();
        using var client = alerts.Host.Client("maya");

        var acknowledged = await AnswerAsync(client.PostAsync($"/api/alerts/{alertId}/acknowledge", null));
        using var again = await client.PostAsync($"/api/alerts/{alertId}/acknowledge", null);
        var muted = await AnswerAsync(client.PostAsJsonAsync($"/api/alerts/{alertId}/mute", new { hours = 4 }));
        var retried = await AnswerAsync(client.PostAsync($"/api/alerts/{alertId}/retry", null));
        var read = await client.GetFromJsonAsync<JsonObject>($"/api/alerts/{alertId}");

        Assert.Equal(("Acknowledged", "Maya Marketer"), (acknowledged["state"]!.GetValue<string>(), acknowledged["acknowledgedBy"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(("Maya Marketer", LifecycleStart.AddHours(4)), (muted["mutedBy"]!.GetValue<string>(), muted["mutedUntil"]!.GetValue<DateTimeOffset>()));
        Assert.Equal("Maya Marketer", retried["retriedBy"]!.GetValue<string>());
        Assert.Equal(("Acknowledged", "Maya Marketer", "Maya Marketer"),
            (read!["state"]!.GetValue<string>(), read["acknowledgedBy"]!.GetValue<string>(), read["retriedBy"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_viewer_may_read_but_not_answer_and_mute_hours_out_of_range_are_refused()
    {
        await using var alerts = await AlertHost.StartAsync(await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }));
        await alerts.RunAsync();
        await alerts.PostedAsync();
        var alertId = (await alerts.OnlyAlertAsync())["id"]!.GetValue<string>();
        using var vic = alerts.Host.Client("vic");
        using var nora = alerts.Host.Client("nora");
        using var maya = alerts.Host.Client("maya");

        using var read = await vic.GetAsync($"/api/alerts/{alertId}");
        using var noRole = await nora.GetAsync("/api/alerts");
        using var acknowledge = await vic.PostAsync($"/api/alerts/{alertId}/acknowledge", null);
        using var retry = await vic.PostAsync($"/api/alerts/{alertId}/retry", null);
        using var mute = await vic.PostAsJsonAsync($"/api/alerts/{alertId}/mute", new { hours = 4 });
        using var none = await maya.PostAsJsonAsync($"/api/alerts/{alertId}/mute", new { hours = 0 });
        using var tooLong = await maya.PostAsJsonAsync($"/api/alerts/{alertId}/mute", new { hours = 169 });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { noRole, acknowledge, retry, mute }.Select(r => r.StatusCode));
        Assert.Equal([HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity], new[] { none, tooLong }.Select(r => r.StatusCode));
        Assert.True((await none.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("hours"));
        var alert = await alerts.OnlyAlertAsync();
        Assert.Equal("Open", alert["state"]!.GetValue<string>());
        Assert.Null(alert["mutedUntil"]);
        Assert.Null(alert["retriedBy"]);
    }

    [Fact]
    public async Task A_recovered_alert_can_no_longer_be_answered()
    {
        await using var alerts = await AlertHost.StartAsync(await FakeDestination.KlaviyoAsync(new FaultPlan { Revoked = true }));
        await alerts.RunAsync();
        await alerts.PostedAsync();
        var alertId = (await alerts.OnlyAlertAsync())["id"]!.GetValue<string>();
        using var client = alerts.Host.Client("maya");
        alerts.Destination!.Faults.Revoked = false;
        await AnswerAsync(client.PostAsync($"/api/alerts/{alertId}/retry", null));
        await alerts.Host.TickAsync();

        using var acknowledge = await client.PostAsync($"/api/alerts/{alertId}/acknowledge", null);
        using var retry = await client.PostAsync($"/api/alerts/{alertId}/retry", null);

        Assert.Equal("Recovered", (await alerts.OnlyAlertAsync())["state"]!.GetValue<string>());
        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.Conflict], new[] { acknowledge, retry }.Select(r => r.StatusCode));
    }

    private static DateTimeOffset LifecycleStart => Lifecycle.LifecycleHost.Start;

    private static async Task<JsonObject> AnswerAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
