using System.Globalization;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Scheduling;
using CampaignBot.Core.Tests.Campaigns;
using CampaignBot.Core.Validation;
using static CampaignBot.Core.Tests.Campaigns.Problems;

namespace CampaignBot.Core.Tests.Scheduling;

public sealed class QuietHoursTests
{
    private static readonly ScheduleDraft Valid = Drafts.Valid().Schedule!;
    private static readonly QuietHours Overnight = new(new TimeOnly(21, 0), new TimeOnly(8, 0));
    private static readonly QuietHours Daytime = new(new TimeOnly(9, 0), new TimeOnly(17, 0));

    [Theory]
    [InlineData("21:00", true)]
    [InlineData("23:59", true)]
    [InlineData("00:00", true)]
    [InlineData("07:59", true)]
    [InlineData("08:00", false)]
    [InlineData("12:00", false)]
    [InlineData("20:59", false)]
    public void Overnight_window_wraps_past_midnight_and_excludes_its_end(string time, bool quiet)
    {
        Assert.Equal(quiet, Overnight.Contains(TimeOnly.Parse(time, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("09:00", true)]
    [InlineData("16:59", true)]
    [InlineData("17:00", false)]
    [InlineData("08:59", false)]
    [InlineData("23:00", false)]
    public void Same_day_window_includes_its_start_and_excludes_its_end(string time, bool quiet)
    {
        Assert.Equal(quiet, Daytime.Contains(TimeOnly.Parse(time, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData(21, 0, 8, 0, 11 * 60)]
    [InlineData(9, 0, 17, 0, 8 * 60)]
    [InlineData(23, 30, 0, 30, 60)]
    [InlineData(0, 0, 0, 1, 1)]
    [InlineData(0, 1, 0, 0, 24 * 60 - 1)]
    public void Length_counts_the_minutes_the_window_covers(int startHour, int startMinute, int endHour, int endMinute, int minutes)
    {
        var quietHours = new QuietHours(new TimeOnly(startHour, startMinute), new TimeOnly(endHour, endMinute));

        var covered = Enumerable.Range(0, 24 * 60).Count(m => quietHours.Contains(TimeOnly.MinValue.AddMinutes(m)));

        Assert.Equal(TimeSpan.FromMinutes(minutes), quietHours.Length);
        Assert.Equal(minutes, covered);
    }

    [Fact]
    public void Shows_as_a_local_time_range()
    {
        Assert.Equal("21:00–08:00", Overnight.ToString());
        Assert.Equal("09:00–17:00", Daytime.ToString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(" ", "")]
    public void Quiet_hours_are_optional(string? start, string? end)
    {
        var (schedule, problems) = Check(Valid with { QuietHours = new QuietHoursDraft { Start = start, End = end } });

        Assert.Empty(problems);
        Assert.Null(schedule!.QuietHours);
        Assert.Null(Check(Valid with { QuietHours = null }).Schedule!.QuietHours);
    }

    [Fact]
    public void Quiet_hours_accept_single_digit_hours()
    {
        var (schedule, problems) = Check(Valid with { QuietHours = new QuietHoursDraft { Start = " 9:30 ", End = "17:00" } });

        Assert.Empty(problems);
        Assert.Equal(new QuietHours(new TimeOnly(9, 30), new TimeOnly(17, 0)), schedule!.QuietHours);
    }

    [Fact]
    public void Quiet_hours_without_a_start_are_an_error()
    {
        var (schedule, problems) = Check(Valid with { QuietHours = new QuietHoursDraft { End = "08:00" } });

        Assert.Equal([Error("schedule.quietHours.start", "Quiet hours need a start time, in 24-hour HH:mm such as 21:00.")], problems);
        Assert.Null(schedule);
    }

    [Fact]
    public void Quiet_hours_without_an_end_are_an_error()
    {
        var (_, problems) = Check(Valid with { QuietHours = new QuietHoursDraft { Start = "21:00", End = " " } });

        Assert.Equal([Error("schedule.quietHours.end", "Quiet hours need an end time, in 24-hour HH:mm such as 21:00.")], problems);
    }

    [Fact]
    public void Unreadable_quiet_hours_report_each_bad_end()
    {
        var (_, problems) = Check(Valid with { QuietHours = new QuietHoursDraft { Start = " 9pm ", End = "24:00" } });

        Assert.Equal(
            [
                Error("schedule.quietHours.start", "'9pm' is not a time; write quiet hours in 24-hour HH:mm, such as 21:00."),
                Error("schedule.quietHours.end", "'24:00' is not a time; write quiet hours in 24-hour HH:mm, such as 21:00."),
            ],
            problems);
    }

    [Theory]
    [InlineData("22:00", "22:00", "22:00")]
    [InlineData("9:00", "09:00", "09:00")]
    public void Quiet_hours_that_start_when_they_end_are_an_error(string start, string end, string shown)
    {
        var (schedule, problems) = Check(Valid with { QuietHours = new QuietHoursDraft { Start = start, End = end } });

        Assert.Equal(
            [Error("schedule.quietHours", $"Quiet hours from {shown} to {shown} cover the whole day, which leaves no time to send; shorten them.")],
            problems);
        Assert.Null(schedule);
    }

    [Theory]
    [InlineData("2026-12-01 21:00", "21:00")]
    [InlineData("2026-12-01 23:30", "23:30")]
    [InlineData("2026-12-02 07:59", "07:59")]
    [InlineData("2026-12-02T05:30:00Z", "21:30")]
    public void Launch_inside_quiet_hours_is_a_warning_read_in_local_time(string launch, string shown)
    {
        var (schedule, problems) = Check(Valid with { Launch = launch });

        Assert.Equal(
            [Warning("schedule.launch", $"The launch time {shown} falls inside quiet hours (21:00–08:00); sending will wait until 08:00.")],
            problems);
        Assert.NotNull(schedule);
    }

    [Theory]
    [InlineData("2026-12-02 08:00")]
    [InlineData("2026-12-01 20:59")]
    [InlineData("asap")]
    public void Launch_outside_quiet_hours_has_no_warning(string launch)
    {
        var (_, problems) = Check(Valid with { Launch = launch });

        Assert.Empty(problems);
    }

    private static (CampaignSchedule? Schedule, IReadOnlyList<ValidationProblem> Problems) Check(ScheduleDraft draft)
    {
        var problems = new ProblemList();
        var schedule = ScheduleRules.Check(draft, CampaignType.Recurring, Drafts.Now, problems);
        return (schedule, problems.Items);
    }
}
