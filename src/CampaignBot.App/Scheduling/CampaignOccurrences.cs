using CampaignBot.App.Campaigns;
using CampaignBot.Core.Scheduling;

namespace CampaignBot.App.Scheduling;

/// <summary>A stored campaign's next occurrence, the same whether the scheduler places it or a finished run does.</summary>
public static class CampaignOccurrences
{
    /// <summary>Occurrences count from the first one: the stored anchor, else the launch instant, else (ASAP) the approval.</summary>
    public static DateTimeOffset AnchorOf(CampaignRecord campaign, CampaignSchedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(schedule);
        return campaign.Anchor ?? schedule.LaunchInstant ?? campaign.ApprovedAt ?? now;
    }

    /// <summary>The occurrence after the campaign's last run, or null when none is left before its expiry.</summary>
    public static ScheduledOccurrence? Next(CampaignRecord campaign, CampaignSchedule schedule, DateTimeOffset now) =>
        OccurrencePlanner.Next(schedule, AnchorOf(campaign, schedule, now), campaign.LastSlot, now);

    /// <summary>
    /// Whether <paramref name="next"/> moves the campaign's stored occurrence. An occurrence already due starts "now",
    /// which is a later instant at every look: due then and due now is no move.
    /// </summary>
    public static bool Moves(CampaignRecord campaign, ScheduledOccurrence next, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(next);
        var bothDue = next.RunAt <= now && campaign.NextRunAt <= now;
        return next.Slot != campaign.NextSlot || (next.RunAt != campaign.NextRunAt && !bothDue);
    }
}
