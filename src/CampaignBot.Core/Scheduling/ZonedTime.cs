namespace CampaignBot.Core.Scheduling;

/// <summary>Maps wall-clock times in a campaign's time zone to instants, with explicit DST rules.</summary>
public static class ZonedTime
{
    /// <summary>
    /// The instant at which the wall clock in <paramref name="zone"/> shows <paramref name="local"/>.
    /// A time skipped by a spring-forward change has no instant (returns false); a time repeated by a
    /// fall-back change resolves to its first occurrence, so "01:30" on that night means the earlier one.
    /// </summary>
    public static bool TryToInstant(DateTime local, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        var unspecified = Unspecified(local);
        instant = default;
        if (zone.IsInvalidTime(unspecified))
        {
            return false;
        }

        var offset = zone.IsAmbiguousTime(unspecified)
            ? zone.GetAmbiguousTimeOffsets(unspecified).Max()
            : zone.GetUtcOffset(unspecified);
        instant = new DateTimeOffset(unspecified, offset);
        return true;
    }

    /// <summary>
    /// Like <see cref="TryToInstant"/>, but a skipped time moves forward by the length of the gap (02:30 becomes
    /// 03:30), the way NodaTime's lenient resolver does, so a daily 02:30 run still happens on the spring-forward day.
    /// </summary>
    public static DateTimeOffset ToInstantLeniently(DateTime local, TimeZoneInfo zone)
    {
        if (TryToInstant(local, zone, out var instant))
        {
            return instant;
        }

        var (before, _) = GapOffsets(local, zone);
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(Unspecified(local), before), zone);
    }

    /// <summary>
    /// The first instant at which the wall clock in <paramref name="zone"/> shows <paramref name="local"/> or later:
    /// the instant of <paramref name="local"/> (the earlier one if repeated), or for a skipped time the moment the clocks jump.
    /// </summary>
    public static DateTimeOffset FirstInstantAtOrAfter(DateTime local, TimeZoneInfo zone)
    {
        if (TryToInstant(local, zone, out var instant))
        {
            return instant;
        }

        // Read with the offset after the gap the clock still shows a time before it; read with the offset before, a
        // time past it. The jump lies between; TimeZoneInfo does not expose transitions portably, so bisect.
        var wall = Unspecified(local);
        var (before, after) = GapOffsets(wall, zone);
        var earlierTicks = (wall - after).Ticks;
        var laterTicks = (wall - before).Ticks;
        while (laterTicks - earlierTicks > 1)
        {
            var middle = earlierTicks + ((laterTicks - earlierTicks) / 2);
            if (ToLocal(new DateTimeOffset(middle, TimeSpan.Zero), zone) >= wall)
            {
                laterTicks = middle;
            }
            else
            {
                earlierTicks = middle;
            }
        }

        return TimeZoneInfo.ConvertTime(new DateTimeOffset(laterTicks, TimeSpan.Zero), zone);
    }

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>Offsets either side of the gap containing <paramref name="local"/>; a day away is clear of it in every real zone.</summary>
    private static (TimeSpan Before, TimeSpan After) GapOffsets(DateTime local, TimeZoneInfo zone)
    {
        var before = zone.GetUtcOffset(Unspecified(local).AddDays(-1));
        var after = zone.GetUtcOffset(Unspecified(local).AddDays(1));
        return after > before
            ? (before, after)
            : throw new InvalidOperationException($"{local:O} is skipped in {zone.Id}, but the offsets around it do not show a gap.");
    }

    private static DateTime Unspecified(DateTime local) => DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
}
