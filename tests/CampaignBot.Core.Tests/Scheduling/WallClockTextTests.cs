using System.Globalization;
using CampaignBot.Core.Scheduling;

namespace CampaignBot.Core.Tests.Scheduling;

public sealed class WallClockTextTests
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    [Theory]
    [InlineData("21:00", 21, 0)]
    [InlineData("9:05", 9, 5)]
    [InlineData(" 07:30 ", 7, 30)]
    [InlineData("00:00", 0, 0)]
    [InlineData("23:59", 23, 59)]
    public void Reads_24_hour_times(string text, int hour, int minute)
    {
        Assert.True(WallClockText.TryParseTime(text, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("24:00")]
    [InlineData("9pm")]
    [InlineData("9:00 PM")]
    [InlineData("21.00")]
    [InlineData("21:00:00")]
    [InlineData("21:5")]
    public void Refuses_anything_but_hours_and_minutes(string? text)
    {
        Assert.False(WallClockText.TryParseTime(text, out _));
    }

    [Theory]
    [InlineData("2026-12-01 09:00")]
    [InlineData("2026-12-01T09:00")]
    [InlineData("2026-12-01 09:00:00")]
    [InlineData("2026-12-01T09:00:00")]
    [InlineData("  2026-12-01 09:00  ")]
    public void Text_without_an_offset_is_wall_time_in_the_zone(string text)
    {
        Assert.Equal(InstantText.Read, WallClockText.ParseInstant(text, LosAngeles, out var instant));
        Assert.Equal(Instant("2026-12-01T17:00:00Z"), instant);
    }

    [Theory]
    [InlineData("2026-12-01T17:00:00Z")]
    [InlineData("2026-12-01T18:00:00+01:00")]
    [InlineData("2026-12-01T09:00:00-0800")]
    [InlineData("2026-12-01 12:00-05:00")]
    public void Text_with_an_offset_ignores_the_zone(string text)
    {
        Assert.Equal(InstantText.Read, WallClockText.ParseInstant(text, LosAngeles, out var instant));
        Assert.Equal(Instant("2026-12-01T17:00:00Z"), instant);
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2026-12-01")]
    [InlineData("2026-13-01 09:00")]
    [InlineData("12/01/2026 09:00")]
    [InlineData("2026-12-01 9:00")]
    [InlineData("not a dateZ")]
    public void Text_that_is_not_a_date_and_time_is_unreadable(string text)
    {
        Assert.Equal(InstantText.Unreadable, WallClockText.ParseInstant(text, LosAngeles, out _));
    }

    [Fact]
    public void Wall_time_skipped_by_spring_forward_is_reported_as_such()
    {
        Assert.Equal(InstantText.SkippedByClockChange, WallClockText.ParseInstant("2027-03-14 02:30", LosAngeles, out _));
    }

    [Fact]
    public void Wall_time_repeated_by_fall_back_reads_as_the_earlier_occurrence()
    {
        Assert.Equal(InstantText.Read, WallClockText.ParseInstant("2027-11-07 01:30", LosAngeles, out var instant));
        Assert.Equal(Instant("2027-11-07T08:30:00Z"), instant);
    }

    [Theory]
    [InlineData("2026-12-01T17:00:00Z", "2026-12-01 09:00 America/Los_Angeles")]
    [InlineData("2026-12-01T05:00:59Z", "2026-11-30 21:00 America/Los_Angeles")]
    public void Describes_an_instant_as_wall_time_and_zone(string utc, string shown)
    {
        Assert.Equal(shown, WallClockText.Describe(Instant(utc), LosAngeles));
    }

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
