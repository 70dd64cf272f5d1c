using System.Globalization;
using CampaignBot.Core.Scheduling;

namespace CampaignBot.Core.Tests.Scheduling;

// 2027 transitions: Los Angeles springs forward 14 March and falls back 7 November at 02:00; Berlin on 28 March and
// 31 October at 02:00/03:00; Sydney (southern hemisphere) falls back 4 April and springs forward 3 October.
public sealed class ZonedTimeTests
{
    [Theory]
    [InlineData("America/Los_Angeles", "2026-12-01 09:00", "2026-12-01T17:00:00Z", -8)]
    [InlineData("America/Los_Angeles", "2027-07-01 09:00", "2027-07-01T16:00:00Z", -7)]
    [InlineData("Europe/Berlin", "2027-07-01 09:00", "2027-07-01T07:00:00Z", 2)]
    [InlineData("UTC", "2027-07-01 09:00", "2027-07-01T09:00:00Z", 0)]
    public void Ordinary_wall_time_maps_to_the_instant_with_the_zone_offset(string zone, string local, string utc, int offsetHours)
    {
        Assert.True(ZonedTime.TryToInstant(Local(local), Zone(zone), out var instant));

        Assert.Equal(Instant(utc), instant);
        Assert.Equal(TimeSpan.FromHours(offsetHours), instant.Offset);
    }

    [Theory]
    [InlineData("America/Los_Angeles", "2027-03-14 02:00")]
    [InlineData("America/Los_Angeles", "2027-03-14 02:30")]
    [InlineData("America/Los_Angeles", "2027-03-14 02:59")]
    [InlineData("Europe/Berlin", "2027-03-28 02:30")]
    [InlineData("Australia/Sydney", "2027-10-03 02:30")]
    public void Wall_time_skipped_by_spring_forward_has_no_instant(string zone, string local)
    {
        Assert.False(ZonedTime.TryToInstant(Local(local), Zone(zone), out _));
    }

    [Theory]
    [InlineData("America/Los_Angeles", "2027-03-14 01:59", "2027-03-14T09:59:00Z")]
    [InlineData("America/Los_Angeles", "2027-03-14 03:00", "2027-03-14T10:00:00Z")]
    public void Wall_times_either_side_of_the_gap_exist(string zone, string local, string utc)
    {
        Assert.True(ZonedTime.TryToInstant(Local(local), Zone(zone), out var instant));
        Assert.Equal(Instant(utc), instant);
    }

    [Theory]
    [InlineData("America/Los_Angeles", "2027-11-07 01:00", "2027-11-07T08:00:00Z")]
    [InlineData("America/Los_Angeles", "2027-11-07 01:30", "2027-11-07T08:30:00Z")]
    [InlineData("Europe/Berlin", "2027-10-31 02:30", "2027-10-31T00:30:00Z")]
    [InlineData("Australia/Sydney", "2027-04-04 02:30", "2027-04-03T15:30:00Z")]
    public void Wall_time_repeated_by_fall_back_is_its_earlier_occurrence(string zone, string local, string utc)
    {
        Assert.True(ZonedTime.TryToInstant(Local(local), Zone(zone), out var instant));

        Assert.Equal(Instant(utc), instant);
        Assert.Equal(Local(local), ZonedTime.ToLocal(instant.AddHours(1), Zone(zone)));
    }

    [Fact]
    public void Kind_of_the_local_value_is_ignored()
    {
        var zone = Zone("America/Los_Angeles");
        var local = new DateTime(2026, 12, 1, 9, 0, 0);

        Assert.True(ZonedTime.TryToInstant(DateTime.SpecifyKind(local, DateTimeKind.Utc), zone, out var fromUtcKind));
        Assert.True(ZonedTime.TryToInstant(DateTime.SpecifyKind(local, DateTimeKind.Local), zone, out var fromLocalKind));

        Assert.Equal(Instant("2026-12-01T17:00:00Z"), fromUtcKind);
        Assert.Equal(Instant("2026-12-01T17:00:00Z"), fromLocalKind);
    }

    [Theory]
    [InlineData("2026-12-01T17:00:00Z", "2026-12-01 09:00")]
    [InlineData("2026-12-01T05:00:00Z", "2026-11-30 21:00")]
    [InlineData("2027-11-07T09:30:00Z", "2027-11-07 01:30")]
    public void Instant_shows_as_the_wall_time_in_the_zone(string utc, string local)
    {
        Assert.Equal(Local(local), ZonedTime.ToLocal(Instant(utc), Zone("America/Los_Angeles")));
    }

    [Theory]
    [InlineData("America/Los_Angeles", "2027-03-14 02:30", "2027-03-14T10:30:00Z")]
    [InlineData("America/Los_Angeles", "2027-03-14 02:00", "2027-03-14T10:00:00Z")]
    [InlineData("Europe/Berlin", "2027-03-28 02:30", "2027-03-28T01:30:00Z")]
    [InlineData("Australia/Sydney", "2027-10-03 02:30", "2027-10-02T16:30:00Z")]
    public void Leniently_a_skipped_wall_time_moves_forward_by_the_gap(string zone, string local, string utc)
    {
        var instant = ZonedTime.ToInstantLeniently(Local(local), Zone(zone));

        Assert.Equal(Instant(utc), instant);
        Assert.Equal(Local(local).AddHours(1), ZonedTime.ToLocal(instant, Zone(zone)));
    }

    [Theory]
    [InlineData("2026-12-01 09:00", "2026-12-01T17:00:00Z")]
    [InlineData("2027-11-07 01:30", "2027-11-07T08:30:00Z")]
    public void Leniently_an_existing_wall_time_is_its_usual_instant(string local, string utc)
    {
        var instant = ZonedTime.ToInstantLeniently(Local(local), Zone("America/Los_Angeles"));

        Assert.Equal(Instant(utc), instant);
        Assert.Equal(Instant(utc).ToOffset(instant.Offset), instant);
    }

    [Theory]
    [InlineData("America/Los_Angeles", "2027-03-14 02:00", "2027-03-14T10:00:00Z", -7)]
    [InlineData("America/Los_Angeles", "2027-03-14 02:30", "2027-03-14T10:00:00Z", -7)]
    [InlineData("America/Los_Angeles", "2027-03-14 02:59", "2027-03-14T10:00:00Z", -7)]
    [InlineData("Europe/Berlin", "2027-03-28 02:30", "2027-03-28T01:00:00Z", 2)]
    [InlineData("Australia/Sydney", "2027-10-03 02:30", "2027-10-02T16:00:00Z", 11)]
    public void First_instant_at_or_after_a_skipped_wall_time_is_the_moment_the_clocks_jump(string zone, string local, string utc, int offsetHours)
    {
        var instant = ZonedTime.FirstInstantAtOrAfter(Local(local), Zone(zone));

        Assert.Equal(Instant(utc), instant);
        Assert.Equal(TimeSpan.FromHours(offsetHours), instant.Offset);
    }

    [Theory]
    [InlineData("2027-03-14 01:59", "2027-03-14T09:59:00Z")]
    [InlineData("2027-11-07 01:30", "2027-11-07T08:30:00Z")]
    public void First_instant_at_or_after_an_existing_wall_time_is_its_earliest_instant(string local, string utc)
    {
        Assert.Equal(Instant(utc), ZonedTime.FirstInstantAtOrAfter(Local(local), Zone("America/Los_Angeles")));
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    private static DateTime Local(string text) => DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);
}
