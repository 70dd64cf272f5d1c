using System.ComponentModel.DataAnnotations;

namespace CampaignBot.App.Triggers;

/// <summary>The <c>Triggers</c> section: how often triggered campaigns look for new events, and how events arrive.</summary>
public sealed class TriggerOptions
{
    public const string Section = "Triggers";

    /// <summary>
    /// Time between two passes of one triggered campaign: an event waits at most about this long (plus
    /// Scheduler:PollInterval) before its send starts.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Triggers:PollInterval must be between a second and a day.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A customer reached by a triggered campaign (sent, or held as control) is not reached by it again within this
    /// time, however many events they have; their events meanwhile are used up without a send. Zero turns it off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "Triggers:Cooldown must be between 0 and 365 days.")]
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The most events one <c>POST /api/events</c> may carry; a bigger batch is refused whole.</summary>
    [Range(1, 10_000, ErrorMessage = "Triggers:MaxEventsPerRequest must be between 1 and 10000.")]
    public int MaxEventsPerRequest { get; set; } = 1000;
}
