using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Explain;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Api.Tests.Priority;

/// <summary>
/// Two campaigns due together over the test outbox with a files cap of one delivery a week: the customers they share
/// have room for one of them, and the high-priority one gets them though the low-priority one was approved first.
/// </summary>
public sealed class CampaignPriorityTests
{
    private static readonly Dictionary<string, string?> OneFileAWeek = new()
    {
        ["FrequencyCaps:files:MaxDeliveries"] = "1",
        ["FrequencyCaps:files:Window"] = "7.00:00:00",
    };

    [Fact]
    public async Task Priority_decides_which_of_two_capped_campaigns_due_together_reaches_a_shared_customer_and_explain_names_it()
    {
        await using var host = new LifecycleHost(OneFileAWeek);
        var low = await host.ApprovedAsync(TestDrafts.OneTime("Low promo") with { Priority = "low" });
        var high = await host.ApprovedAsync(TestDrafts.OneTime("Flash sale") with { Priority = "high" });
        var shared = (await RecipientsAsync(host, low)).Intersect(await RecipientsAsync(host, high)).ToList();

        await host.TickAsync();
        var afterFirstPass = DeliveredBy(host);
        await host.TickAsync();
        var delivered = DeliveredBy(host);
        using var vic = host.Client("vic");
        var explained = await (await vic.GetAsync($"/api/campaigns/{low}/explain?customer={shared[0]}")).ReadAsync<ExplanationView>();
        var text = (await host.SayAsync("vic", $"explain {shared[0]} in Low promo")).Message().Text();

        Assert.NotEmpty(shared);
        // The low-priority campaign waited for the high-priority one to record its sends before it started.
        Assert.Equal(["flash-sale"], afterFirstPass.Keys);
        Assert.Equal("Completed", host.OnlyRun(low).Status);
        Assert.All(shared, c => Assert.Contains(c, delivered["flash-sale"]));
        Assert.All(shared, c => Assert.DoesNotContain(c, delivered["low-promo"]));
        var destination = Assert.Single(explained.Destinations);
        Assert.Equal(DestinationOutcome.Capped, destination.Outcome);
        Assert.Equal(["'Flash sale' (high priority)"], destination.Cap!.TakenBy);
        Assert.Contains("the slot went to 'Flash sale' (high priority)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_equal_priority_the_campaign_due_first_takes_the_slot()
    {
        await using var host = new LifecycleHost(OneFileAWeek);
        var first = await host.ApprovedAsync(TestDrafts.OneTime("First sale"));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await host.ApprovedAsync(TestDrafts.OneTime("Second sale"));
        var shared = (await RecipientsAsync(host, first)).Intersect(await RecipientsAsync(host, second)).ToList();

        await host.TickAsync();
        await host.TickAsync();
        var delivered = DeliveredBy(host);

        Assert.NotEmpty(shared);
        Assert.All(shared, c => Assert.Contains(c, delivered["first-sale"]));
        Assert.All(shared, c => Assert.DoesNotContain(c, delivered["second-sale"]));
    }

    // Customer ids in the outbox's files, by the campaign folder they were written under.
    private static Dictionary<string, HashSet<string>> DeliveredBy(LifecycleHost host) =>
        !Directory.Exists(host.Outbox) ? [] : Directory.GetDirectories(host.Outbox).ToDictionary(
            d => Path.GetFileName(d)!,
            d => Directory.GetFiles(d, "*.csv", SearchOption.AllDirectories).SelectMany(f => File.ReadLines(f).Skip(1).Select(l => l.Split(',')[0])).ToHashSet());

    private static async Task<List<string>> RecipientsAsync(LifecycleHost host, CampaignId campaignId)
    {
        var resolved = host.Get<CampaignResolver>().Resolve(host.Get<CampaignStore>().Get(campaignId)!).Value!;
        var request = resolved.AudienceRequest(DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime));
        return await new AudienceBuilder(host.Get<CustomerEngine>()).StreamOrderedAsync(request, AudienceSlice.Recipients, [], afterCustomerId: null)
            .Select(m => m.CustomerId).ToListAsync();
    }
}
