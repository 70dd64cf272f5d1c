namespace CampaignBot.Core.Scheduling;

/// <summary>
/// Decides which occurrence of a schedule runs next. Occurrences are counted from an anchor (the launch instant, or the
/// approval instant for an ASAP launch) in the campaign's wall time, so a 09:00 campaign stays at 09:00 across DST.
/// </summary>
public static class OccurrencePlanner
{
    /// <summary>
    /// Occurrence <paramref name="n"/> (0-based): the anchor's local date-time plus n periods, always from the anchor and
    /// never chained, so a Jan 31 monthly runs on Feb 28 and then Mar 31. Skipped wall times move forward by the gap;
    /// repeated ones take the earlier instant.
    /// </summary>
    public static DateTimeOffset Occurrence(CampaignSchedule schedule, DateTimeOffset anchor, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var zone = schedule.TimeZone;
        if (n == 0)
        {
            // The anchor itself, even when it is the second pass of a repeated hour that local time cannot name.
            return TimeZoneInfo.ConvertTime(anchor, zone);
        }

        if (schedule.Every is { } every)
        {
            return TimeZoneInfo.ConvertTime(anchor + (every * n), zone);
        }

        var local = ZonedTime.ToLocal(anchor, zone);
        var shifted = schedule.Cadence switch
        {
            Cadence.Daily => local.AddDays(n),
            Cadence.Weekly => local.AddDays(7.0 * n),
            Cadence.Monthly => local.AddMonths(n),
            Cadence.Quarterly => local.AddMonths(checked(3 * n)),
            null => throw new ArgumentOutOfRangeException(nameof(n), n, "A one-time schedule has only occurrence 0."),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule.Cadence, "Unknown cadence."),
        };
        return ZonedTime.ToInstantLeniently(shifted, zone);
    }

    /// <summary>
    /// The occurrence to run next, or null when none is left. Among the slots after <paramref name="lastSlot"/>, the
    /// latest one already due runs once for all of the missed ones; when none is due, the first future slot. Nothing
    /// is returned that would start at or after the schedule's expiry.
    /// </summary>
    public static ScheduledOccurrence? Next(CampaignSchedule schedule, DateTimeOffset anchor, DateTimeOffset? lastSlot, DateTimeOffset now)
    {
        if (schedule.Cadence is null && schedule.Every is null)
        {
            return lastSlot is null ? Plan(schedule, Occurrence(schedule, anchor, 0), now, skippedSlots: 0) : null;
        }

        var first = lastSlot is { } last ? FirstIndexAfter(schedule, anchor, last) : 0;
        var latestDue = FirstIndexAfter(schedule, anchor, now) - 1;
        var chosen = Math.Max(first, latestDue);
        return Plan(schedule, Occurrence(schedule, anchor, chosen), now, chosen - first);
    }

    private static ScheduledOccurrence? Plan(CampaignSchedule schedule, DateTimeOffset slot, DateTimeOffset now, int skippedSlots)
    {
        // A slot missed during downtime starts now at the earliest, and now may itself be inside quiet hours.
        var earliest = slot > now ? slot : now;
        var runAt = schedule.QuietHours?.NextAllowed(earliest, schedule.TimeZone) ?? earliest;
        if (schedule.ExpiresAt is { } expiry && (slot >= expiry || runAt >= expiry))
        {
            // Later slots only start later, so none of them can run either.
            return null;
        }

        return new ScheduledOccurrence(slot, runAt, skippedSlots);
    }

    /// <summary>The smallest n whose occurrence is after <paramref name="instant"/>, found from an estimate in a few steps.</summary>
    private static int FirstIndexAfter(CampaignSchedule schedule, DateTimeOffset anchor, DateTimeOffset instant)
    {
        var n = EstimateIndex(schedule, anchor, instant);
        while (n > 0 && Occurrence(schedule, anchor, n - 1) > instant)
        {
            n--;
        }

        while (Occurrence(schedule, anchor, n) <= instant)
        {
            n++;
        }

        return n;
    }

    /// <summary>Periods of wall time between anchor and instant; DST and short months make it off by at most one.</summary>
    private static int EstimateIndex(CampaignSchedule schedule, DateTimeOffset anchor, DateTimeOffset instant)
    {
        if (schedule.Every is { } every)
        {
            return instant <= anchor ? 0 : (int)Math.Min(int.MaxValue - 1, (instant - anchor).Ticks / every.Ticks);
        }

        var from = ZonedTime.ToLocal(anchor, schedule.TimeZone);
        var to = ZonedTime.ToLocal(instant, schedule.TimeZone);
        if (to <= from)
        {
            return 0;
        }

        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        return schedule.Cadence switch
        {
            Cadence.Daily => (int)(to - from).TotalDays,
            Cadence.Weekly => (int)((to - from).TotalDays / 7),
            Cadence.Monthly => months,
            Cadence.Quarterly => months / 3,
            _ => 0,
        };
    }
}
