using CampaignBot.Core.Scheduling;

namespace CampaignBot.Core.Lifecycle;

/// <summary>A campaign's next occurrence, the same whether the scheduler places it, a finished run does or a resume does.</summary>
public static class CampaignOccurrences
{
    /// <summary>Occurrences count from the first one: the stored anchor, else the launch instant, else (ASAP) the approval.</summary>
    public static DateTimeOffset AnchorOf(LifecycleState state, CampaignSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(schedule);
        return state.Anchor ?? schedule.LaunchInstant ?? state.ApprovedAt ?? now;
    }

    /// <summary>The occurrence after the campaign's last run, or null when none is left before its expiry.</summary>
    public static ScheduledOccurrence? Next(LifecycleState state, CampaignSchedule schedule, DateTimeOffset now) =>
        OccurrencePlanner.Next(schedule, AnchorOf(state, schedule, now), state.LastSlot, now);

    /// <summary>
    /// Whether <paramref name="next"/> moves the campaign's stored occurrence. An occurrence already due starts "now",
    /// which is a later instant at every look: due then and due now is no move.
    /// </summary>
    public static bool Moves(LifecycleState state, ScheduledOccurrence next, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(next);
        var bothDue = next.RunAt <= now && state.NextRunAt <= now;
        return next.Slot != state.NextSlot || (next.RunAt != state.NextRunAt && !bothDue);
    }
}
