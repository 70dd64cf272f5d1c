using CampaignBot.App.Audit;
using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class SchedulerTests
{
    [Fact]
    public async Task A_campaign_launched_at_a_set_time_waits_for_it()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime(schedule: new ScheduleDraft { Launch = "2026-11-24 09:00", TimeZone = "Europe/Paris" }));

        await host.TickAsync();

        var waiting = host.Campaigns.Get(id, host.Maya).Unwrap();
        Assert.Equal(CampaignStatus.Scheduled, waiting.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), waiting.NextRunAt);
        Assert.Empty(host.Runs.ForCampaign(id, host.Maya).Unwrap());

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 7, 59, 59, TimeSpan.Zero));
        await host.TickAsync();
        Assert.Empty(host.Runs.ForCampaign(id, host.Maya).Unwrap());

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), host.OnlyRun(id).Slot);
        Assert.Equal(CampaignStatus.Completed, host.Campaigns.Get(id, host.Maya).Unwrap().Status);
    }

    [Fact]
    public async Task A_weekly_campaign_runs_every_week_and_after_downtime_runs_the_missed_occurrence_once()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.Recurring("weekly", "2026-11-24 09:00"));
        await host.TickAsync();

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        await host.TickAsync();
        var afterFirst = host.Campaigns.Get(id, host.Maya).Unwrap();
        Assert.Equal(CampaignStatus.Scheduled, afterFirst.Status);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), afterFirst.NextRunAt);

        // Down from before Dec 1 until Dec 22 10:00: Dec 1, 8 and 15 are skipped; only the latest slot, Dec 22, runs.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 22, 10, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        await host.TickAsync();

        var slots = host.Runs.ForCampaign(id, host.Maya).Unwrap().Select(r => r.Slot).Order().ToList();
        Assert.Equal([new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 22, 9, 0, 0, TimeSpan.Zero)], slots);
        Assert.Equal(new DateTimeOffset(2026, 12, 29, 9, 0, 0, TimeSpan.Zero), host.Campaigns.Get(id, host.Maya).Unwrap().NextRunAt);
        Assert.Contains(host.Get<AuditLog>().For(id), e => e.Detail?.Contains("3 occurrences missed while the service was down are skipped", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_recurring_campaign_shows_its_next_run_the_moment_a_run_completes()
    {
        await using var host = new LifecycleHost();
        var daily = await host.ApprovedAsync(TestDrafts.Recurring("daily", "2026-11-24 09:00"));
        var ending = await host.ApprovedAsync(TestDrafts.Recurring("daily", "2026-11-24 09:00", expires: "2026-11-25 09:00") with { Name = "Last picks" });
        await host.TickAsync();

        // One pass starts and completes the runs; no later pass is needed to place the next one.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();

        var next = host.View(daily);
        Assert.Equal((CampaignStatus.Scheduled, new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)), (next.Status, next.NextRunAt));
        var expired = host.View(ending);
        Assert.Equal((CampaignStatus.Expired, null, "No occurrence is left before its expiry."), (expired.Status, expired.NextRunAt, expired.StatusReason));
        Assert.Contains("next run 2026-11-25 09:00:00Z", host.Audit(daily).Single(e => e.Action == "Finish").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resuming_a_campaign_paused_before_it_was_placed_shows_its_next_run_at_once()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.Recurring("weekly", "2026-11-24 09:00"));
        host.Campaigns.Pause(id, host.Maya).Unwrap();

        var resumed = host.Campaigns.Resume(id, host.Maya).Unwrap();

        Assert.Equal((CampaignStatus.Scheduled, new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)), (resumed.Status, resumed.NextRunAt));
    }

    [Fact]
    public async Task Recipients_keep_their_group_from_one_recurring_run_to_the_next()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.Recurring("daily", "2026-11-24 09:00"));
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        await host.TickAsync();
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        await host.TickAsync();

        var runs = host.Runs.ForCampaign(id, host.Maya).Unwrap();
        Assert.Equal(2, runs.Count);
        var groupsByRun = runs.Select(r => Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories)
            .Where(f => f.Contains(ListFolder(r.Id), StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Skip(1).Select(l => (Id: l.Split(',')[0], File: Path.GetFileName(f))))
            .ToDictionary(x => x.Id, x => x.File)).ToList();
        Assert.NotEmpty(groupsByRun[0]);
        Assert.Equal(groupsByRun[0].OrderBy(p => p.Key), groupsByRun[1].OrderBy(p => p.Key));
    }

    [Fact]
    public async Task Quiet_hours_hold_a_due_run_until_they_end_in_the_campaigns_time_zone()
    {
        await using var host = new LifecycleHost();
        var quiet = new QuietHoursDraft { Start = "21:00", End = "08:00" };
        var id = await host.ApprovedAsync(TestDrafts.Recurring("daily", "2026-11-24 22:30", "America/New_York", quiet));

        await host.TickAsync();

        // 22:30 in New York is inside 21:00–08:00: the first run waits for 08:00 local (13:00 UTC) the next morning.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 13, 0, 0, TimeSpan.Zero), host.Campaigns.Get(id, host.Maya).Unwrap().NextRunAt);
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 12, 59, 0, TimeSpan.Zero));
        await host.TickAsync();
        Assert.Empty(host.Runs.ForCampaign(id, host.Maya).Unwrap());
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 13, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        Assert.Equal(nameof(RunStatus.Completed), host.OnlyRun(id).Status);
    }

    [Fact]
    public async Task A_daily_campaign_keeps_its_local_time_across_a_daylight_saving_change()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.Recurring("daily", "2027-03-13 09:00", "America/New_York"));
        await host.TickAsync();

        host.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 13, 14, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        await host.TickAsync();

        // Clocks go forward on March 14: 09:00 local is 13:00 UTC from then on.
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 13, 0, 0, TimeSpan.Zero), host.Campaigns.Get(id, host.Maya).Unwrap().NextRunAt);
        host.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 14, 13, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        Assert.Equal(2, host.Runs.ForCampaign(id, host.Maya).Unwrap().Count);
    }

    [Fact]
    public async Task A_recurring_campaign_stops_at_its_expiry()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.Recurring("daily", "2026-11-24 09:00", expires: "2026-11-25 09:00"));
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        await host.TickAsync();

        var expired = host.Campaigns.Get(id, host.Maya).Unwrap();
        Assert.Equal(CampaignStatus.Expired, expired.Status);
        Assert.Equal("No occurrence is left before its expiry.", expired.StatusReason);
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        Assert.Single(host.Runs.ForCampaign(id, host.Maya).Unwrap());
    }

    [Fact]
    public async Task Control_group_members_are_recorded_and_never_delivered()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        var run = host.OnlyRun(id);
        var control = Assert.Single(run.Groups, g => g.IsControl);
        Assert.True(control.Members > 0);
        var controlIds = File.ReadLines(control.MembersFile!).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        Assert.Equal(control.Members, controlIds.Count);
        var delivered = Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories).SelectMany(f => File.ReadLines(f).Skip(1)).Select(l => l.Split(',')[0]);
        Assert.DoesNotContain(delivered, controlIds.Contains);
        Assert.Equal(run.Recipients, run.Deliveries.Sum(d => d.Rows));
    }

    [Fact]
    public async Task Pausing_a_scheduled_campaign_holds_its_run_and_resuming_sends_it()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime(schedule: new ScheduleDraft { Launch = "2026-11-24 09:00" }));
        await host.TickAsync();
        host.Campaigns.Pause(id, host.Maya).Unwrap();

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        Assert.Empty(host.Runs.ForCampaign(id, host.Maya).Unwrap());

        host.Campaigns.Resume(id, host.Maya).Unwrap();
        await host.TickAsync();
        Assert.Equal(nameof(RunStatus.Completed), host.OnlyRun(id).Status);
    }

    [Fact]
    public async Task A_pass_claims_no_more_runs_than_it_has_workers_for()
    {
        await using var host = new LifecycleHost();
        var first = await host.ApprovedAsync(TestDrafts.OneTime("First"));
        var second = await host.ApprovedAsync(TestDrafts.OneTime("Second"));

        await Task.WhenAll(await host.Scheduler.TickAsync(1, CancellationToken.None));

        var statuses = new[] { first, second }.Select(id => host.Campaigns.Get(id, host.Maya).Unwrap().Status).Order().ToList();
        Assert.Equal([CampaignStatus.Scheduled, CampaignStatus.Completed], statuses);
        await Task.WhenAll(await host.Scheduler.TickAsync(1, CancellationToken.None));
        Assert.All([first, second], id => Assert.Equal(CampaignStatus.Completed, host.Campaigns.Get(id, host.Maya).Unwrap().Status));
    }

    private static string ListFolder(string runId) => Path.DirectorySeparatorChar + Core.Destinations.ListNames.Slug(runId) + Path.DirectorySeparatorChar;
}
