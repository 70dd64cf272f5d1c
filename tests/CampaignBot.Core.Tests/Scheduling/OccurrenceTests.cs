using System.Globalization;
using CampaignBot.Core.Scheduling;

namespace CampaignBot.Core.Tests.Scheduling;

// New York springs forward on 2026-03-08 (02:00 EST -> 03:00 EDT) and falls back on 2026-11-01 (02:00 EDT -> 01:00 EST).
public sealed class OccurrenceTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData(0, "2026-06-01T09:00:00Z")]
    [InlineData(1, "2026-06-02T09:00:00Z")]
    [InlineData(30, "2026-07-01T09:00:00Z")]
    [InlineData(365, "2027-06-01T09:00:00Z")]
    public void Daily_occurrences_are_a_day_apart(int n, string expected)
    {
        Assert.Equal(At(expected), Occurrence(Cadence.Daily, TimeZoneInfo.Utc, "2026-06-01T09:00:00Z", n));
    }

    [Theory]
    [InlineData(1, "2026-06-08T09:00:00Z")]
    [InlineData(3, "2026-06-22T09:00:00Z")]
    [InlineData(52, "2027-05-31T09:00:00Z")]
    public void Weekly_occurrences_are_seven_days_apart(int n, string expected)
    {
        Assert.Equal(At(expected), Occurrence(Cadence.Weekly, TimeZoneInfo.Utc, "2026-06-01T09:00:00Z", n));
    }

    [Theory]
    [InlineData(1, "2026-02-28T09:00:00Z")]
    [InlineData(2, "2026-03-31T09:00:00Z")]
    [InlineData(3, "2026-04-30T09:00:00Z")]
    [InlineData(12, "2027-01-31T09:00:00Z")]
    [InlineData(25, "2028-02-29T09:00:00Z")]
    public void Monthly_from_the_31st_uses_each_shorter_month_last_day_and_returns_to_the_31st(int n, string expected)
    {
        Assert.Equal(At(expected), Occurrence(Cadence.Monthly, TimeZoneInfo.Utc, "2026-01-31T09:00:00Z", n));
    }

    [Theory]
    [InlineData(1, "2027-02-28T09:00:00Z")]
    [InlineData(2, "2027-05-30T09:00:00Z")]
    [InlineData(3, "2027-08-30T09:00:00Z")]
    [InlineData(4, "2027-11-30T09:00:00Z")]
    [InlineData(5, "2028-02-29T09:00:00Z")]
    public void Quarterly_from_the_30th_uses_february_last_day_and_returns_to_the_30th(int n, string expected)
    {
        Assert.Equal(At(expected), Occurrence(Cadence.Quarterly, TimeZoneInfo.Utc, "2026-11-30T09:00:00Z", n));
    }

    [Fact]
    public void Month_arithmetic_uses_the_campaign_local_date_not_utc()
    {
        var losAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

        // 20:00 on 30 January in Los Angeles is already 31 January in UTC.
        var next = Occurrence(Cadence.Monthly, losAngeles, "2026-01-30T20:00:00-08:00", 1);

        Assert.Equal(At("2026-02-28T20:00:00-08:00"), next);
    }

    [Theory]
    [InlineData(1, "2026-03-07T09:00:00-05:00")]
    [InlineData(2, "2026-03-08T09:00:00-04:00")]
    [InlineData(3, "2026-03-09T09:00:00-04:00")]
    public void Daily_local_time_is_kept_across_spring_forward(int n, string expected)
    {
        var occurrence = Occurrence(Cadence.Daily, NewYork, "2026-03-06T09:00:00-05:00", n);

        Assert.Equal(At(expected), occurrence);
        Assert.Equal(At(expected).Offset, occurrence.Offset);
    }

    [Theory]
    [InlineData(1, "2026-10-31T09:00:00-04:00")]
    [InlineData(2, "2026-11-01T09:00:00-05:00")]
    [InlineData(3, "2026-11-02T09:00:00-05:00")]
    public void Daily_local_time_is_kept_across_fall_back(int n, string expected)
    {
        var occurrence = Occurrence(Cadence.Daily, NewYork, "2026-10-30T09:00:00-04:00", n);

        Assert.Equal(At(expected), occurrence);
        Assert.Equal(At(expected).Offset, occurrence.Offset);
    }

    [Theory]
    [InlineData(1, "2026-03-07T02:30:00-05:00")]
    [InlineData(2, "2026-03-08T03:30:00-04:00")]
    [InlineData(3, "2026-03-09T02:30:00-04:00")]
    public void Daily_time_skipped_by_spring_forward_runs_an_hour_later_that_day_only(int n, string expected)
    {
        Assert.Equal(At(expected), Occurrence(Cadence.Daily, NewYork, "2026-03-06T02:30:00-05:00", n));
    }

    [Fact]
    public void Daily_time_repeated_by_fall_back_runs_at_its_earlier_pass()
    {
        var occurrence = Occurrence(Cadence.Daily, NewYork, "2026-10-30T01:30:00-04:00", 2);

        Assert.Equal(At("2026-11-01T01:30:00-04:00"), occurrence);
    }

    [Fact]
    public void Anchor_in_the_second_pass_of_a_repeated_hour_is_itself_occurrence_zero()
    {
        var secondPass = "2026-11-01T01:30:00-05:00";

        Assert.Equal(At(secondPass), Occurrence(Cadence.Daily, NewYork, secondPass, 0));
        Assert.Equal(At("2026-11-02T01:30:00-05:00"), Occurrence(Cadence.Daily, NewYork, secondPass, 1));
    }

    [Fact]
    public void Occurrences_are_shown_in_the_campaign_zone_offset()
    {
        var occurrence = Occurrence(Cadence.Weekly, NewYork, "2026-06-01T13:00:00Z", 0);

        Assert.Equal(TimeSpan.FromHours(-4), occurrence.Offset);
        Assert.Equal(At("2026-06-01T13:00:00Z"), occurrence);
    }

    [Fact]
    public void One_time_schedule_has_only_occurrence_zero()
    {
        var schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.Utc };

        Assert.Equal(At("2026-06-01T09:00:00Z"), OccurrencePlanner.Occurrence(schedule, At("2026-06-01T09:00:00Z"), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OccurrencePlanner.Occurrence(schedule, At("2026-06-01T09:00:00Z"), 1));
    }

    [Fact]
    public void Negative_occurrence_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Occurrence(Cadence.Daily, TimeZoneInfo.Utc, "2026-06-01T09:00:00Z", -1));
    }

    private static DateTimeOffset Occurrence(Cadence cadence, TimeZoneInfo zone, string anchor, int n) =>
        OccurrencePlanner.Occurrence(new CampaignSchedule { TimeZone = zone, Cadence = cadence }, At(anchor), n);

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
