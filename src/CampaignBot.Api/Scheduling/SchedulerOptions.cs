using System.ComponentModel.DataAnnotations;

namespace CampaignBot.Api.Scheduling;

public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>How often due campaigns are looked for when nothing wakes the scheduler sooner.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Scheduler:PollInterval must be between 100 ms and an hour.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a run stays claimed without a sign of life. A run whose worker died is taken over by any
    /// scheduler once its lease runs out, and resumes after its last delivered batch.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "Scheduler:LeaseDuration must be between 5 seconds and a day.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 64, ErrorMessage = "Scheduler:MaxConcurrentRuns must be between 1 and 64.")]
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>Rows per batch; 0 uses each destination's own limit (API call size, file part size).</summary>
    [Range(0, 10_000_000)]
    public int BatchSize { get; set; }

    /// <summary>Attempts per batch when the destination answers "try again later".</summary>
    [Range(1, 20)]
    public int BatchAttempts { get; set; } = 4;

    /// <summary>
    /// The share of a delivery's rows a destination may refuse or not report holding before the delivery fails as a
    /// shortfall; a few invalid addresses are normal.
    /// </summary>
    [Range(typeof(decimal), "0", "100", ErrorMessage = "Scheduler:ShortfallTolerancePercent must be between 0 and 100.")]
    public decimal ShortfallTolerancePercent { get; set; } = 2;

    /// <summary>Turns the background loop off (tests drive the scheduler by hand).</summary>
    public bool Enabled { get; set; } = true;
}
