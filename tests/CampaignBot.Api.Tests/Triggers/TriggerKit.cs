using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Triggers;

namespace CampaignBot.Api.Tests.Triggers;

/// <summary>Triggered drafts over the demo segments, events sent through the real API, and what reached the outbox.</summary>
internal static class TriggerKit
{
    /// <summary>The demo campaign, sent on each order: loyalty members minus email opt-outs, with <paramref name="control"/>% control.</summary>
    public static CampaignDraft Orders(string? filter = null, decimal control = 10) =>
        TestDrafts.OneTime("Order thanks").WithSubAudience(s => s with { ControlPercent = control, Groups = [s.Groups![0] with { Percent = 100 - control }] }) with
        {
            Type = "triggered",
            Trigger = new TriggerDraft { Event = "order", Filter = filter },
        };

    /// <summary>One order per customer C00000001… for the numbers given, with ids "{prefix}-{n}".</summary>
    public static object[] OrdersFor(IEnumerable<int> customers, string prefix, DateTimeOffset at, decimal amount = 120) =>
        [.. customers.Select(n => new Dictionary<string, object>
        {
            ["id"] = $"{prefix}-{n}",
            ["customer_id"] = CustomerId(n),
            ["type"] = "order",
            ["occurred_at"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["properties"] = new Dictionary<string, object> { ["amount"] = amount },
        })];

    public static string CustomerId(int n) => "C" + n.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Sends the events as Ada (admin) and returns the answer's stored and replayed counts.</summary>
    public static async Task<(int Stored, int Replayed)> SendAsync(this LifecycleHost host, object[] events)
    {
        using var client = host.Client("ada");
        using var response = await client.PostAsJsonAsync("/api/events", new { events });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("stored").GetInt32(), json.RootElement.GetProperty("replayed").GetInt32());
    }

    public static IReadOnlyList<RunView> Passes(this LifecycleHost host, CampaignId id) =>
        [.. host.Runs.ForCampaign(id, host.Maya).Unwrap().OrderBy(r => r.StartedAt)];

    /// <summary>Every customer id in every delivered file of the campaign, once per time it was delivered.</summary>
    public static List<string> Delivered(string outbox) =>
        !Directory.Exists(outbox) ? [] :
        [.. Directory.GetFiles(outbox, "*.part-*.csv", SearchOption.AllDirectories).SelectMany(f => File.ReadLines(f).Skip(1)).Select(l => l.Split(',')[0])];

    /// <summary>Every customer id in the pass's control files.</summary>
    public static HashSet<string> Control(RunView pass) =>
        [.. pass.Groups.Where(g => g.IsControl && g.MembersFile is not null).SelectMany(g => File.ReadLines(g.MembersFile!).Skip(1)).Select(l => l.Split(',')[0])];

    public static long Recipients(this RunView pass) => pass.Groups.Where(g => !g.IsControl).Sum(g => g.Members);
}
