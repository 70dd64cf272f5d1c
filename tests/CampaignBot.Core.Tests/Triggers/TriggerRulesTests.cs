using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Scheduling;
using CampaignBot.Core.Tests.Campaigns;
using CampaignBot.Core.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Core.Tests.Triggers;

public sealed class TriggerRulesTests
{
    private static readonly CampaignValidator Validator = new(new FakeTimeProvider(Drafts.Now));

    private static CampaignDraft Triggered(string? eventType, string? filter = null) =>
        Drafts.Valid() with { Type = "triggered", Schedule = new ScheduleDraft { Launch = "asap" }, Trigger = new TriggerDraft { Event = eventType, Filter = filter } };

    [Fact]
    public void A_triggered_draft_becomes_a_definition_with_its_event_and_filter()
    {
        var result = Validator.Validate(Triggered("Order", "amount > 100"));
        Assert.DoesNotContain(result.Problems, p => p.IsError);
        var definition = result.Value!;
        Assert.Equal(CampaignType.Triggered, definition.Type);
        Assert.False(definition.IsRecurring);
        Assert.Equal(new CampaignTrigger("order", new PropertyFilter("amount", PropertyOperator.Greater, new PropertyValue("100", 100m))), definition.Trigger);
    }

    [Theory]
    [InlineData(null, null, "trigger.event")]
    [InlineData("two words", null, "trigger.event")]
    [InlineData("order", "amount >", "trigger.filter")]
    [InlineData("order", "plan > pro", "trigger.filter")]
    [InlineData("order", "amount > 100 and x = 1", "trigger.filter")]
    public void A_trigger_without_a_readable_event_or_filter_is_refused_at_its_path(string? eventType, string? filter, string path)
    {
        var result = Validator.Validate(Triggered(eventType, filter));
        Assert.Null(result.Value);
        Assert.Contains(result.Problems, p => p.IsError && p.Path == path);
    }

    [Fact]
    public void Only_a_triggered_campaign_has_a_trigger_and_it_has_no_cadence()
    {
        var oneTime = Validator.Validate(Drafts.Valid() with { Type = "one-time", Schedule = new ScheduleDraft(), Trigger = new TriggerDraft { Event = "order" } });
        Assert.Contains(oneTime.Problems, p => p.IsError && p.Path == "trigger");
        var cadence = Validator.Validate(Triggered("order") with { Schedule = new ScheduleDraft { Cadence = "daily" } });
        Assert.Contains(cadence.Problems, p => p.IsError && p.Path == "schedule.cadence");
    }

    [Theory]
    [InlineData("amount > 100", "Sends within a minute of each order over $100")]
    [InlineData("total >= 50.5", "Sends within a minute of each order of $50.5 or more")]
    [InlineData("channel = 'web'", "Sends within a minute of each order where channel = 'web'")]
    [InlineData(null, "Sends within a minute of each order")]
    public void The_summary_says_how_soon_and_on_which_events_it_sends(string? filter, string expected)
    {
        var trigger = Validator.Validate(Triggered("order", filter)).Value!.Trigger!;
        Assert.Equal(expected, TriggerDescription.Describe(trigger, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Passes_every_poll_interval_run_the_latest_due_one_after_a_gap()
    {
        var anchor = Drafts.Now;
        var schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.Utc, Every = TimeSpan.FromMinutes(1) };
        Assert.Equal(anchor, OccurrencePlanner.Next(schedule, anchor, lastSlot: null, now: anchor)!.Slot);
        Assert.Equal(anchor.AddMinutes(1), OccurrencePlanner.Next(schedule, anchor, lastSlot: anchor, now: anchor.AddSeconds(10))!.RunAt);
        var late = OccurrencePlanner.Next(schedule, anchor, lastSlot: anchor, now: anchor.AddMinutes(10).AddSeconds(5))!;
        Assert.Equal((anchor.AddMinutes(10), 9), (late.Slot, late.SkippedSlots));
    }
}
