using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Runs;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Results;

/// <summary>Results through the run pipeline and GET /api/campaigns/{id}/results: membership is what was delivered.</summary>
public sealed class ResultsApiTests
{
    [Fact]
    public async Task Results_membership_comes_from_what_was_delivered_a_failed_delivery_records_nothing_and_a_retry_records_once()
    {
        var refusing = new RefusingConnectors(new ConnectorFactory(Path.GetTempPath()))
        {
            Refuse = batch => batch.Target.Group == "Email B" ? new BatchOutcome.Permanent("The folder is read-only.", FailureKind.Permission) : null,
        };
        await using var host = new LifecycleHost(services: s => s.AddSingleton<IConnectorFactory>(refusing));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        var failed = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.PartiallyFailed), failed.Status);
        var members = failed.Groups.ToDictionary(g => g.Group, g => g.Members);
        Assert.Equal(new Dictionary<string, long> { ["Control"] = members["Control"], ["Email A"] = members["Email A"] }, await host.SentPerGroupAsync(id));
        Assert.Equal(["Control", "Email A"], Groups(await ResultsAsync(host, id)).Select(g => g.Group));

        refusing.Refuse = _ => null;
        host.Runs.Retry(failed.Id, host.Maya).Unwrap();
        await host.TickAsync();

        Assert.Equal(members, await host.SentPerGroupAsync(id));
        var groups = Groups(await ResultsAsync(host, id));
        Assert.Equal(members.OrderBy(m => m.Key).Select(m => (m.Key, m.Value)), groups.Select(g => (g.Group, g.Customers)).OrderBy(g => g.Group));
    }

    [Fact]
    public async Task Results_are_read_as_json_or_csv_by_every_role_and_the_campaign_shows_the_latest_verdict()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime() with { AttributionDays = 3 });
        await host.TickAsync();
        Assert.Null(host.Campaigns.Get(id, host.Maya).Unwrap().LatestVerdict);

        var results = await ResultsAsync(host, id, "vic");
        Assert.Equal(3, results.GetProperty("attributionDays").GetInt32());
        var verdict = results.GetProperty("verdict").GetString();
        Assert.Contains("Email A", verdict, StringComparison.Ordinal);
        var campaign = host.Campaigns.Get(id, host.Maya).Unwrap();
        Assert.Equal((3, verdict), (campaign.AttributionDays, campaign.LatestVerdict));

        var csv = await host.Client("vic").GetAsync($"/api/campaigns/{id}/results?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sub_audience,group,is_control,customers,converters,conversion_rate", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Everyone,Control,true,", lines[1], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client("nora").GetAsync($"/api/campaigns/{id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client("vic").GetAsync($"/api/campaigns/{id}/results?run=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client("vic").GetAsync($"/api/campaigns/{Guid.NewGuid()}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Client("vic").GetAsync($"/api/campaigns/{id}/results?format=xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client("vic").GetAsync($"/api/campaigns/{id}/results?formt=csv")).StatusCode);
        var oneRun = await ResultsAsync(host, id, "vic", $"?run={host.OnlyRun(id).Id}");
        Assert.Equal(host.OnlyRun(id).Id, oneRun.GetProperty("runId").GetString());
    }

    [Fact]
    public async Task Results_refuse_an_attribution_window_outside_one_to_365_days()
    {
        await using var host = new LifecycleHost();
        var response = await host.Client("maya").PostAsJsonAsync("/api/campaigns", TestDrafts.OneTime() with { AttributionDays = 0 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("attributionDays", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ResultsAsync(LifecycleHost host, CampaignBot.Core.Campaigns.CampaignId id, string user = "maya", string query = "")
    {
        var response = await host.Client(user).GetAsync($"/api/campaigns/{id}/results{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<(string Group, long Customers)> Groups(JsonElement results) =>
        results.GetProperty("subAudiences").EnumerateArray()
            .SelectMany(s => (s.GetProperty("control").ValueKind == JsonValueKind.Null ? [] : new[] { s.GetProperty("control") })
                .Concat(s.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("figures"))))
            .Select(f => (f.GetProperty("group").GetString()!, f.GetProperty("customers").GetInt64()))
            .ToList();

}
