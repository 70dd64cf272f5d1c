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
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
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

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;
}
