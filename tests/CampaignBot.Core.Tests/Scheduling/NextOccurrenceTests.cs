using System.Globalization;
using CampaignBot.Core.Scheduling;

namespace CampaignBot.Core.Tests.Scheduling;

// The daily campaign launches Monday 2026-06-01 09:00 in New York (13:00Z, EDT all summer).
public sealed class NextOccurrenceTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTimeOffset Monday = At("2026-06-01T09:00:00-04:00");
    private static readonly CampaignSchedule Daily = new() { TimeZone = NewYork, LaunchInstant = Monday, Cadence = Cadence.Daily };
    private static readonly QuietHours Overnight = new(new TimeOnly(21, 0), new TimeOnly(8, 0));

    [Fact]
    public void First_run_waits_for_the_launch()
    {
        var next = OccurrencePlanner.Next(Daily, Monday, lastSlot: null, now: At("2026-05-30T12:00:00-04:00"));

        Assert.Equal(new ScheduledOccurrence(Monday, Monday, 0), next);
    }

    [Fact]
    public void Next_future_slot_follows_the_last_one_when_nothing_is_due()
    {
        var next = OccurrencePlanner.Next(Daily, Monday, lastSlot: Monday, now: At("2026-06-01T10:00:00-04:00"));

        var tuesday = At("2026-06-02T09:00:00-04:00");
        Assert.Equal(new ScheduledOccurrence(tuesday, tuesday, 0), next);
    }

    [Fact]
    public void Slot_is_due_at_its_own_instant()
    {
        var tuesday = At("2026-06-02T09:00:00-04:00");

        var next = OccurrencePlanner.Next(Daily, Monday, lastSlot: Monday, now: tuesday);

        Assert.Equal(new ScheduledOccurrence(tuesday, tuesday, 0), next);
    }

    [Fact]
    public void After_downtime_only_the_latest_missed_slot_runs_and_starts_now()
    {
        var now = At("2026-06-04T10:00:00-04:00");

        var next = OccurrencePlanner.Next(Daily, Monday, lastSlot: Monday, now);

        Assert.Equal(new ScheduledOccurrence(At("2026-06-04T09:00:00-04:00"), now, SkippedSlots: 2), next);
    }

    [Fact]
    public void After_downtime_ending_before_today_slot_yesterday_slot_runs()
    {
        var now = At("2026-06-04T08:00:00-04:00");

        var next = OccurrencePlanner.Next(Daily, Monday, lastSlot: Monday, now);

        Assert.Equal(new ScheduledOccurrence(At("2026-06-03T09:00:00-04:00"), now, SkippedSlots: 1), next);
    }

    [Fact]
    public void Missed_first_slots_count_as_skipped_when_nothing_ran_yet()
    {
        var next = OccurrencePlanner.Next(Daily, Monday, lastSlot: null, now: At("2026-06-03T10:00:00-04:00"));

        Assert.Equal(At("2026-06-03T09:00:00-04:00"), next!.Slot);
        Assert.Equal(2, next.SkippedSlots);
    }

    [Fact]
    public void Last_slot_between_occurrences_is_followed_by_the_next_occurrence()
    {
        var next = OccurrencePlanner.Next(Daily, Monday, lastSlot: At("2026-06-01T15:00:00-04:00"), now: At("2026-06-01T16:00:00-04:00"));

        Assert.Equal(At("2026-06-02T09:00:00-04:00"), next!.Slot);
    }

    [Fact]
    public void Asap_one_time_campaign_runs_at_its_approval()
    {
        var schedule = new CampaignSchedule { TimeZone = NewYork };
        var approved = At("2026-06-01T14:37:12.345-04:00");

        var next = OccurrencePlanner.Next(schedule, approved, lastSlot: null, now: approved);

        Assert.Equal(new ScheduledOccurrence(approved, approved, 0), next);
    }

    [Fact]
    public void One_time_campaign_has_nothing_next_once_it_ran()
    {
        var schedule = new CampaignSchedule { TimeZone = NewYork, LaunchInstant = Monday };

        Assert.Equal(new ScheduledOccurrence(Monday, Monday, 0), OccurrencePlanner.Next(schedule, Monday, null, At("2026-05-01T00:00:00Z")));
        Assert.Null(OccurrencePlanner.Next(schedule, Monday, lastSlot: Monday, now: At("2026-06-01T09:00:01-04:00")));
    }

    [Fact]
    public void Slot_inside_overnight_quiet_hours_runs_at_eight_next_morning_local()
    {
        var evening = At("2026-06-01T22:00:00-04:00");
        var schedule = Daily with { LaunchInstant = evening, QuietHours = Overnight };

        var next = OccurrencePlanner.Next(schedule, evening, lastSlot: evening, now: At("2026-06-02T12:00:00-04:00"));

        Assert.Equal(new ScheduledOccurrence(At("2026-06-02T22:00:00-04:00"), At("2026-06-03T08:00:00-04:00"), 0), next);
    }

    [Fact]
    public void Slot_inside_same_day_quiet_hours_runs_when_they_end()
    {
        var schedule = Daily with { QuietHours = new QuietHours(new TimeOnly(8, 30), new TimeOnly(12, 0)) };

        var next = OccurrencePlanner.Next(schedule, Monday, lastSlot: Monday, now: At("2026-06-01T10:00:00-04:00"));

        Assert.Equal(new ScheduledOccurrence(At("2026-06-02T09:00:00-04:00"), At("2026-06-02T12:00:00-04:00"), 0), next);
    }

    [Fact]
    public void Quiet_hours_are_read_in_the_campaign_zone()
    {
        // 09:00 in Tokyo is 00:00 UTC, which would be quiet if the window were read in UTC.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var launch = At("2026-06-01T09:00:00+09:00");
        var schedule = new CampaignSchedule { TimeZone = tokyo, LaunchInstant = launch, Cadence = Cadence.Daily, QuietHours = Overnight };
        var lateEvening = new CampaignSchedule { TimeZone = tokyo, LaunchInstant = launch.AddHours(13), Cadence = Cadence.Daily, QuietHours = Overnight };

        var morning = OccurrencePlanner.Next(schedule, launch, null, launch.AddDays(-1));
        var evening = OccurrencePlanner.Next(lateEvening, launch.AddHours(13), null, launch.AddDays(-1));

        Assert.Equal(launch, morning!.RunAt);
        Assert.Equal(At("2026-06-02T08:00:00+09:00"), evening!.RunAt);
    }

    [Fact]
    public void Missed_slot_does_not_start_inside_quiet_hours_that_began_since()
    {
        var schedule = Daily with { QuietHours = Overnight };

        var next = OccurrencePlanner.Next(schedule, Monday, lastSlot: Monday, now: At("2026-06-02T23:00:00-04:00"));

        Assert.Equal(new ScheduledOccurrence(At("2026-06-02T09:00:00-04:00"), At("2026-06-03T08:00:00-04:00"), 0), next);
    }

    [Fact]
    public void Slot_at_the_expiry_does_not_run()
    {
        var wednesday = At("2026-06-03T09:00:00-04:00");
        var tuesday = At("2026-06-02T09:00:00-04:00");

        Assert.Null(OccurrencePlanner.Next(Daily with { ExpiresAt = wednesday }, Monday, tuesday, tuesday.AddHours(1)));
        Assert.Equal(wednesday, OccurrencePlanner.Next(Daily with { ExpiresAt = wednesday.AddSeconds(1) }, Monday, tuesday, tuesday.AddHours(1))!.Slot);
    }

    [Fact]
    public void Slot_pushed_past_the_expiry_by_quiet_hours_does_not_run()
    {
        var evening = At("2026-06-01T22:00:00-04:00");
        var schedule = Daily with { LaunchInstant = evening, QuietHours = Overnight, ExpiresAt = At("2026-06-03T07:00:00-04:00") };

        Assert.Null(OccurrencePlanner.Next(schedule, evening, lastSlot: evening, now: At("2026-06-02T10:00:00-04:00")));
    }

    [Fact]
    public void Missed_slot_does_not_run_once_the_campaign_has_expired()
    {
        var schedule = Daily with { ExpiresAt = At("2026-06-03T12:00:00-04:00") };

        Assert.Equal(At("2026-06-03T09:00:00-04:00"), OccurrencePlanner.Next(schedule, Monday, Monday, At("2026-06-03T11:00:00-04:00"))!.Slot);
        Assert.Null(OccurrencePlanner.Next(schedule, Monday, Monday, At("2026-06-04T10:00:00-04:00")));
    }

    [Fact]
    public void Expired_one_time_campaign_does_not_run()
    {
        var schedule = new CampaignSchedule { TimeZone = NewYork, LaunchInstant = Monday, ExpiresAt = At("2026-06-01T12:00:00-04:00") };

        Assert.Null(OccurrencePlanner.Next(schedule, Monday, null, At("2026-06-01T13:00:00-04:00")));
    }

    [Fact]
    public void Long_running_daily_campaign_finds_tomorrow_slot_six_years_on()
    {
        var launch = At("2020-01-06T09:00:00-05:00");
        var schedule = Daily with { LaunchInstant = launch };

        var next = OccurrencePlanner.Next(schedule, launch, lastSlot: Monday, now: At("2026-06-01T10:00:00-04:00"));

        var tuesday = At("2026-06-02T09:00:00-04:00");
        Assert.Equal(new ScheduledOccurrence(tuesday, tuesday, 0), next);
    }

    [Fact]
    public void Long_downtime_counts_every_skipped_slot()
    {
        var launch = At("2020-01-06T09:00:00-05:00");
        var schedule = Daily with { LaunchInstant = launch };
        var lastSlot = At("2021-01-06T09:00:00-05:00");

        var next = OccurrencePlanner.Next(schedule, launch, lastSlot, now: At("2026-06-01T10:00:00-04:00"));

        Assert.Equal(Monday, next!.Slot);
        Assert.Equal((Monday.Date - lastSlot.Date).Days - 1, next.SkippedSlots);
    }

    // The planner estimates the occurrence index from elapsed wall time; a scan over every occurrence is the reference.
    [Theory]
    [InlineData(Cadence.Daily, "America/New_York", "2025-12-31T02:30:00-05:00")]
    [InlineData(Cadence.Daily, "Europe/London", "2025-10-26T01:30:00+01:00")]
    [InlineData(Cadence.Weekly, "Australia/Sydney", "2025-12-28T02:30:00+11:00")]
    [InlineData(Cadence.Monthly, "America/New_York", "2026-01-31T23:30:00-05:00")]
    [InlineData(Cadence.Quarterly, "Pacific/Auckland", "2025-11-30T00:15:00+13:00")]
    public void Next_agrees_with_a_scan_of_every_occurrence(Cadence cadence, string zone, string anchorText)
    {
        var anchor = At(anchorText);
        var schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone), LaunchInstant = anchor, Cadence = cadence };
        var slots = Enumerable.Range(0, 1200).Select(n => OccurrencePlanner.Occurrence(schedule, anchor, n)).ToList();

        for (var now = anchor.AddDays(-2); now < anchor.AddYears(3); now = now.AddHours(11))
        {
            foreach (var lastSlot in new DateTimeOffset?[] { null, now.AddDays(-40), now.AddHours(-30) })
            {
                var next = OccurrencePlanner.Next(schedule, anchor, lastSlot, now)!;

                var candidates = slots.Where(s => lastSlot is null || s > lastSlot).ToList();
                var due = candidates.Where(s => s <= now).ToList();
                Assert.Equal(due.Count > 0 ? due[^1] : candidates[0], next.Slot);
                Assert.Equal(Math.Max(0, due.Count - 1), next.SkippedSlots);
            }
        }
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
