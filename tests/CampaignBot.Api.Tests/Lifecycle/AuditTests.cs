using CampaignBot.App.Audit;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class AuditTests
{
    [Fact]
    public async Task Starting_a_due_run_writes_no_schedule_entry_that_changed_nothing()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.Recurring("daily", "2026-11-24 09:00"));
        await host.TickAsync();

        // The scheduler looks a little after the slot, as a real poll does; that the run starts "now" rather than at
        // 09:00 sharp is no change to the schedule.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 9, 0, 3, TimeSpan.Zero));
        await host.TickAsync();
        await host.TickAsync();

        var audit = host.Audit(id);
        Assert.Equal(["Create", "Submit", "Approve", "Schedule", "Start", "Finish"], audit.Select(e => e.Action));
        Assert.DoesNotContain(audit, e => e.From is not null && e.From == e.To);
    }

    [Fact]
    public async Task Starting_an_asap_run_a_moment_after_approval_writes_no_schedule_entry_that_changed_nothing()
    {
        await using var host = new LifecycleHost();

        // Every reading of the clock moves it on a little, as the real one does between the steps of a pass.
        host.Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(7);
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        var audit = host.Audit(id);
        Assert.Equal(["Create", "Submit", "Approve", "Schedule", "Start", "Finish"], audit.Select(e => e.Action));
    }

    [Fact]
    public async Task Saving_a_draft_unchanged_is_neither_a_new_version_nor_an_audit_entry()
    {
        await using var host = new LifecycleHost();
        var draft = TestDrafts.OneTime();
        var id = host.Campaigns.Create(draft, host.Maya).Unwrap().Id;
        var before = host.View(id).Version;

        var saved = host.Campaigns.Update(id, before, draft, host.Maya).Unwrap();
        var edited = host.Campaigns.Update(id, before, draft with { Name = "Winter welcome, revised" }, host.Maya).Unwrap();

        Assert.Equal(before, saved.Version);
        Assert.Equal(before + 1, edited.Version);
        var audit = host.Audit(id);
        Assert.Equal(["Create", "Edit"], audit.Select(e => e.Action));
        Assert.Equal((CampaignBot.Core.Lifecycle.CampaignStatus.Draft, CampaignBot.Core.Lifecycle.CampaignStatus.Draft), (audit[1].From!.Value, audit[1].To!.Value));
    }
}
