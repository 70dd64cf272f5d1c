using System.Globalization;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Scheduling;
using CampaignBot.Core.Tests.Campaigns;
using CampaignBot.Core.Validation;
using static CampaignBot.Core.Tests.Campaigns.Problems;

namespace CampaignBot.Core.Tests.Scheduling;

// Drafts.Now is 2026-11-23 12:00Z (04:00 in Los Angeles). The valid draft launches 2026-12-01 09:00 Los Angeles
// time, weekly, with quiet hours 21:00–08:00. Los Angeles springs forward on 2027-03-14 and falls back on 2027-11-07.
public sealed class ScheduleRulesTests
{
    private static readonly ScheduleDraft Valid = Drafts.Valid().Schedule!;

    [Fact]
    public void Valid_schedule_is_read_in_the_campaign_time_zone()
    {
        var (schedule, problems) = Check(Valid with { ExpiresAt = "2027-03-01 00:00" });

        Assert.Empty(problems);
        Assert.NotNull(schedule);
        Assert.Equal("America/Los_Angeles", schedule.TimeZone.Id);
        Assert.Equal(At("2026-12-01T17:00:00Z"), schedule.LaunchInstant);
        Assert.Equal(At("2027-03-01T08:00:00Z"), schedule.ExpiresAt);
        Assert.Equal(Cadence.Weekly, schedule.Cadence);
        Assert.Equal(new QuietHours(new TimeOnly(21, 0), new TimeOnly(8, 0)), schedule.QuietHours);
    }

    [Fact]
    public void Omitted_schedule_launches_a_one_time_campaign_asap_in_utc()
    {
        var (schedule, problems) = Check(null, CampaignType.OneTime);

        Assert.Empty(problems);
        Assert.NotNull(schedule);
        Assert.Equal(TimeZoneInfo.Utc, schedule.TimeZone);
        Assert.True(schedule.LaunchesAsap);
        Assert.Null(schedule.Cadence);
        Assert.Null(schedule.ExpiresAt);
        Assert.Null(schedule.QuietHours);
    }

    [Fact]
    public void Blank_time_zone_means_utc()
    {
        var (schedule, problems) = Check(Valid with { TimeZone = "  " });

        Assert.Empty(problems);
        Assert.Equal(TimeZoneInfo.Utc, schedule!.TimeZone);
        Assert.Equal(At("2026-12-01T09:00:00Z"), schedule.LaunchInstant);
    }

    [Fact]
    public void Unknown_time_zone_is_an_error()
    {
        var (schedule, problems) = Check(Valid with { TimeZone = " Mars/Olympus_Mons " });

        Assert.Equal(
            [Error("schedule.timeZone", "'Mars/Olympus_Mons' is not a time zone we know; use an IANA name such as America/Los_Angeles or Europe/Berlin.")],
            problems);
        Assert.Null(schedule);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("asap")]
    [InlineData(" ASAP ")]
    [InlineData("now")]
    [InlineData("As soon as possible")]
    [InlineData("as-soon-as-possible")]
    public void Launch_may_be_as_soon_as_possible(string? launch)
    {
        var (schedule, problems) = Check(Valid with { Launch = launch });

        Assert.Empty(problems);
        Assert.True(schedule!.LaunchesAsap);
    }

    [Theory]
    [InlineData("2026-12-01 09:00")]
    [InlineData("2026-12-01T09:00")]
    [InlineData(" 2026-12-01 09:00:00 ")]
    [InlineData("2026-12-01T17:00:00Z")]
    [InlineData("2026-12-01T18:00:00+01:00")]
    public void Launch_is_local_time_in_the_campaign_zone_unless_it_carries_an_offset(string launch)
    {
        var (schedule, problems) = Check(Valid with { Launch = launch });

        Assert.Empty(problems);
        Assert.Equal(At("2026-12-01T17:00:00Z"), schedule!.LaunchInstant);
    }

    [Fact]
    public void Unreadable_launch_is_an_error()
    {
        var (schedule, problems) = Check(Valid with { Launch = " next tuesday " });

        Assert.Equal(
            [Error("schedule.launch",
                "'next tuesday' is not a launch time; write 'asap', or write a date and time such as 2026-12-01 09:00 (in the campaign's time zone) or an ISO instant such as 2026-12-01T17:00:00Z.")],
            problems);
        Assert.Null(schedule);
    }

    [Fact]
    public void Launch_in_the_hour_skipped_by_spring_forward_is_an_error()
    {
        var (_, problems) = Check(Valid with { Launch = "2027-03-14 02:30" });

        Assert.Equal(
            [Error("schedule.launch", "2027-03-14 02:30 does not exist in America/Los_Angeles: the clocks skip that hour that night. Pick another time.")],
            problems);
    }

    [Fact]
    public void Launch_in_the_hour_repeated_by_fall_back_is_the_earlier_one()
    {
        var (schedule, problems) = Check(Valid with { Launch = "2027-11-07 01:30", QuietHours = null });

        Assert.Empty(problems);
        Assert.Equal(At("2027-11-07T08:30:00Z"), schedule!.LaunchInstant);
    }

    [Theory]
    [InlineData("2026-11-23T12:00:00Z")]
    [InlineData("2026-11-23T11:58:00Z")]
    public void Launch_up_to_two_minutes_ago_is_clock_skew_not_a_mistake(string launch)
    {
        var (schedule, problems) = Check(Valid with { Launch = launch, QuietHours = null });

        Assert.Empty(problems);
        Assert.Equal(At(launch), schedule!.LaunchInstant);
    }

    [Fact]
    public void Launch_more_than_two_minutes_ago_is_an_error()
    {
        var (schedule, problems) = Check(Valid with { Launch = "2026-11-23T11:57:59Z", QuietHours = null });

        Assert.Equal(
            [Error("schedule.launch", "The launch time 2026-11-23 03:57 America/Los_Angeles is in the past; pick a future time or launch as soon as possible.")],
            problems);
        Assert.Null(schedule);
    }

    [Fact]
    public void Expiry_after_the_launch_is_accepted()
    {
        var (schedule, problems) = Check(Valid with { ExpiresAt = "2026-12-01 09:01" });

        Assert.Empty(problems);
        Assert.Equal(At("2026-12-01T17:01:00Z"), schedule!.ExpiresAt);
    }

    [Theory]
    [InlineData("2026-11-30 09:00", "2026-11-30 09:00")]
    [InlineData("2026-12-01T17:00:00Z", "2026-12-01 09:00")]
    public void Expiry_at_or_before_the_launch_is_an_error(string expiresAt, string shown)
    {
        var (schedule, problems) = Check(Valid with { ExpiresAt = expiresAt });

        Assert.Equal(
            [Error("schedule.expiresAt",
                $"The campaign expires ({shown} America/Los_Angeles) before it launches (2026-12-01 09:00 America/Los_Angeles); move the expiry after the launch.")],
            problems);
        Assert.Null(schedule);
    }

    [Fact]
    public void Expiry_of_an_asap_campaign_must_be_in_the_future()
    {
        var (_, problems) = Check(Valid with { Launch = "asap", ExpiresAt = "2026-11-23 04:00" });

        Assert.Equal(
            [Error("schedule.expiresAt", "The expiry 2026-11-23 04:00 America/Los_Angeles has already passed; move it into the future or remove it.")],
            problems);
    }

    [Fact]
    public void Unreadable_expiry_is_an_error()
    {
        var (_, problems) = Check(Valid with { ExpiresAt = "end of month" });

        Assert.Equal(
            [Error("schedule.expiresAt",
                "'end of month' is not an expiry time; write a date and time such as 2026-12-01 09:00 (in the campaign's time zone) or an ISO instant such as 2026-12-01T17:00:00Z.")],
            problems);
    }

    [Fact]
    public void Expiry_in_the_hour_skipped_by_spring_forward_is_an_error()
    {
        var (_, problems) = Check(Valid with { ExpiresAt = "2027-03-14 02:15" });

        Assert.Equal(
            [Error("schedule.expiresAt", "2027-03-14 02:15 does not exist in America/Los_Angeles: the clocks skip that hour that night. Pick another time.")],
            problems);
    }

    [Theory]
    [InlineData("daily", Cadence.Daily)]
    [InlineData(" Weekly ", Cadence.Weekly)]
    [InlineData("MONTHLY", Cadence.Monthly)]
    [InlineData("quarterly", Cadence.Quarterly)]
    public void Cadence_is_read_without_case_or_spaces(string text, Cadence expected)
    {
        var (schedule, problems) = Check(Valid with { Cadence = text });

        Assert.Empty(problems);
        Assert.Equal(expected, schedule!.Cadence);
    }

    [Fact]
    public void Unknown_cadence_is_one_error_even_for_a_recurring_campaign()
    {
        var (schedule, problems) = Check(Valid with { Cadence = " fortnightly " });

        Assert.Equal([Error("schedule.cadence", "'fortnightly' is not a cadence; choose daily, weekly, monthly or quarterly.")], problems);
        Assert.Null(schedule);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Recurring_campaign_without_a_cadence_is_an_error(string? cadence)
    {
        var (_, problems) = Check(Valid with { Cadence = cadence });

        Assert.Equal([Error("schedule.cadence", "A recurring campaign needs a cadence: daily, weekly, monthly or quarterly.")], problems);
    }

    [Fact]
    public void One_time_campaign_with_a_cadence_is_an_error()
    {
        var (_, problems) = Check(Valid, CampaignType.OneTime);

        Assert.Equal([Error("schedule.cadence", "A one-time campaign runs once; remove the cadence or make the campaign recurring.")], problems);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("daily", Cadence.Daily)]
    public void Multi_channel_campaign_may_run_once_or_recur(string? cadence, Cadence? expected)
    {
        var (schedule, problems) = Check(Valid with { Cadence = cadence }, CampaignType.MultiChannel);

        Assert.Empty(problems);
        Assert.Equal(expected, schedule!.Cadence);
    }

    [Theory]
    [InlineData("monthly", "2026-12-29 09:00", 29)]
    [InlineData("quarterly", "2026-12-31 09:00", 31)]
    public void Monthly_or_quarterly_launch_after_day_28_is_a_warning(string cadence, string launch, int day)
    {
        var (schedule, problems) = Check(Valid with { Cadence = cadence, Launch = launch });

        Assert.Equal(
            [Warning("schedule.launch", $"Runs are anchored on day {day} of the month; in shorter months they move to the month's last day.")],
            problems);
        Assert.NotNull(schedule);
    }

    [Fact]
    public void Day_of_the_month_is_the_local_day_in_the_campaign_zone()
    {
        // 05:00Z on 1 December is 21:00 on 30 November in Los Angeles.
        var (_, problems) = Check(Valid with { Cadence = "monthly", Launch = "2026-12-01T05:00:00Z", QuietHours = null });

        Assert.Equal(
            [Warning("schedule.launch", "Runs are anchored on day 30 of the month; in shorter months they move to the month's last day.")],
            problems);
    }

    [Theory]
    [InlineData("monthly", "2026-12-28 09:00")]
    [InlineData("weekly", "2026-12-31 09:00")]
    [InlineData("daily", "2026-12-31 09:00")]
    [InlineData("monthly", "asap")]
    public void Launch_day_only_matters_for_monthly_and_quarterly_runs_after_day_28(string cadence, string launch)
    {
        var (_, problems) = Check(Valid with { Cadence = cadence, Launch = launch });

        Assert.Empty(problems);
    }

    private static (CampaignSchedule? Schedule, IReadOnlyList<ValidationProblem> Problems) Check(
        ScheduleDraft? draft, CampaignType? type = CampaignType.Recurring)
    {
        var problems = new ProblemList();
        var schedule = ScheduleRules.Check(draft, type, Drafts.Now, problems);
        return (schedule, problems.Items);
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
