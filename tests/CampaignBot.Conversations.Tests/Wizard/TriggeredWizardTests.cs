using CampaignBot.Conversations.Messages;
using CampaignBot.Conversations.Tests.Harness;

namespace CampaignBot.Conversations.Tests.Wizard;

public sealed class TriggeredWizardTests
{
    [Fact]
    public async Task A_triggered_campaign_is_asked_for_its_event_and_filter_and_its_summary_says_when_it_sends()
    {
        await using var host = await ConversationHost.StartAsync();
        var basics = (await host.SayAsync("maya", "new")).Form();
        Assert.Contains(((ChoiceField)basics.Fields.Single(f => f.Id == "type")).Choices, c => c.Value == "triggered");

        var sub = (await host.SubmitAsync("maya", basics, ("name", ["Order thanks"]), ("type", ["triggered"]), ("audience.include", ["Loyalty members"]))).Form();
        var groups = (await host.SubmitAsync("maya", sub, ("subAudiences[0].name", ["Everyone"]), ("subAudiences[0].segment", ["*"]), ("subAudiences[0].controlPercent", ["10"]), ("groupCount", ["1"]))).Form();
        var attributes = (await host.SubmitAsync(
            "maya", groups, ("subAudiences[0].groups[0].name", ["Thanks"]), ("subAudiences[0].groups[0].percent", ["90"]), ("subAudiences[0].groups[0].destinations", ["outbox"]), ("another", ["no"]))).Form();
        var schedule = (await host.SubmitAsync("maya", attributes, ("subAudiences[0].groups[0].destinations[0].attributes", ["customer_id, email"]))).Form();
        Assert.Equal(["trigger.event", "trigger.filter"], schedule.Fields.Take(2).Select(f => f.Id));
        Assert.DoesNotContain(schedule.Fields, f => f.Id == "schedule.cadence");

        var bad = Assert.IsType<ChatReply.FieldErrors>(await host.SubmitAsync("maya", schedule, ("trigger.event", ["order"]), ("trigger.filter", ["amount >"]), ("schedule.launch", ["asap"]), ("schedule.timeZone", ["UTC"])));
        Assert.Contains("is not a filter", bad.Errors["trigger.filter"], StringComparison.Ordinal);

        var review = (await host.SubmitAsync("maya", schedule, ("trigger.event", ["order"]), ("trigger.filter", ["amount > 100"]), ("schedule.launch", ["asap"]), ("schedule.timeZone", ["UTC"]))).Form();
        Assert.Contains("Sends on each order where amount > 100", string.Join('\n', review.Intro.OfType<BulletList>().SelectMany(b => b.Items)), StringComparison.Ordinal);
        Assert.IsType<ChatReply.Close>(await host.SubmitAsync("maya", review));

        var campaign = host.Campaigns.Find(new CampaignBot.App.Campaigns.CampaignQuery { Search = "Order thanks" }, host.Maya).Unwrap().Items.Single();
        Assert.Equal(("order", "amount > 100"), (campaign.Draft.Trigger!.Event, campaign.Draft.Trigger.Filter));
        Assert.Equal("Sends within a minute of each order over $100", campaign.Schedule);
    }
}
