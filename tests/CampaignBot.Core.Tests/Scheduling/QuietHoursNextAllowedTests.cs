using System.Globalization;
using CampaignBot.Core.Scheduling;

namespace CampaignBot.Core.Tests.Scheduling;

// New York springs forward on 2026-03-08 (02:00 EST -> 03:00 EDT) and falls back on 2026-11-01 (02:00 EDT -> 01:00 EST).
public sealed class QuietHoursNextAllowedTests
{
    private static readonly QuietHours Overnight = new(new TimeOnly(21, 0), new TimeOnly(8, 0));
    private static readonly QuietHours Daytime = new(new TimeOnly(9, 0), new TimeOnly(17, 0));
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("2026-12-01T12:00:00-05:00")]
    [InlineData("2026-12-01T08:00:00-05:00")]
    [InlineData("2026-12-01T20:59:59-05:00")]
    public void Instant_outside_the_window_is_allowed_as_it_is(string instant)
    {
        Assert.Equal(At(instant), Overnight.NextAllowed(At(instant), NewYork));
    }

    [Theory]
    [InlineData("2026-12-01T09:00:00Z", "2026-12-01T17:00:00Z")]
    [InlineData("2026-12-01T16:59:00Z", "2026-12-01T17:00:00Z")]
    public void Same_day_window_ends_at_its_end_that_day(string instant, string allowed)
    {
        Assert.Equal(At(allowed), Daytime.NextAllowed(At(instant), TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("2026-12-01T21:00:00-05:00", "2026-12-02T08:00:00-05:00")]
    [InlineData("2026-12-01T23:59:00-05:00", "2026-12-02T08:00:00-05:00")]
    [InlineData("2026-12-02T00:00:00-05:00", "2026-12-02T08:00:00-05:00")]
    [InlineData("2026-12-02T07:59:00-05:00", "2026-12-02T08:00:00-05:00")]
    [InlineData("2026-12-31T22:00:00-05:00", "2027-01-01T08:00:00-05:00")]
    public void Overnight_window_ends_next_morning_local_when_it_began_before_midnight(string instant, string allowed)
    {
        var next = Overnight.NextAllowed(At(instant), NewYork);

        Assert.Equal(At(allowed), next);
        Assert.Equal(TimeSpan.FromHours(-5), next.Offset);
    }

    [Fact]
    public void Window_is_read_in_the_campaign_zone_not_utc()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var eveningInTokyo = At("2026-12-01T13:00:00Z");

        Assert.Equal(At("2026-12-01T23:00:00Z"), Overnight.NextAllowed(eveningInTokyo, tokyo));
        Assert.Equal(eveningInTokyo, Overnight.NextAllowed(eveningInTokyo, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Overnight_window_across_spring_forward_ends_at_eight_daylight_time()
    {
        Assert.Equal(At("2026-03-08T08:00:00-04:00"), Overnight.NextAllowed(At("2026-03-07T22:00:00-05:00"), NewYork));
    }

    [Fact]
    public void Window_ending_inside_the_spring_forward_gap_ends_when_the_clocks_jump()
    {
        var untilHalfPastTwo = new QuietHours(new TimeOnly(1, 0), new TimeOnly(2, 30));

        var next = untilHalfPastTwo.NextAllowed(At("2026-03-08T01:30:00-05:00"), NewYork);

        Assert.Equal(At("2026-03-08T03:00:00-04:00"), next);
    }

    [Theory]
    [InlineData("2026-11-01T01:10:00-04:00", "2026-11-01T01:30:00-04:00")]
    [InlineData("2026-11-01T01:10:00-05:00", "2026-11-01T01:30:00-05:00")]
    public void Window_ending_in_the_repeated_fall_back_hour_ends_on_the_pass_the_instant_is_in(string instant, string allowed)
    {
        var earlyMorning = new QuietHours(new TimeOnly(1, 0), new TimeOnly(1, 30));

        Assert.Equal(At(allowed), earlyMorning.NextAllowed(At(instant), NewYork));
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
