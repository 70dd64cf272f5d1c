using System.ComponentModel.DataAnnotations;

namespace CampaignBot.App.Runs;

/// <summary>
/// The <c>Scheduler</c> section: how often the scheduler looks for due campaigns, and how runs are leased, batched and
/// checked. It lives with the runs, which read most of it, so the scheduler depends on the runs and not the reverse.
/// </summary>
public sealed class SchedulerOptions : IValidatableObject
{
    public const string Section = "Scheduler";

    public const int DefaultBatchSize = 100_000;

    /// <summary>How often due campaigns are looked for when nothing wakes the scheduler sooner.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Scheduler:PollInterval must be between 100 ms and an hour.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a run stays claimed without a sign of life. A run whose worker died shows as interrupted once its
    /// lease runs out and is taken over by the next scheduler pass, resuming after its last delivered batch: within
    /// about LeaseDuration + PollInterval of the death (at once when a service restarts on a file it owns alone).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00", ErrorMessage = "Scheduler:LeaseDuration must be between 5 seconds and a day.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often a live worker renews its run's lease, whatever the run is doing (counting, waiting on a slow
    /// destination); at most half the lease, so one late renewal does not lose the run.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "12:00:00", ErrorMessage = "Scheduler:LeaseRenewInterval must be between 100 ms and 12 hours.")]
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 64, ErrorMessage = "Scheduler:MaxConcurrentRuns must be between 1 and 64.")]
    public int MaxConcurrentRuns { get; set; } = 2;

    /// <summary>
    /// Rows per batch, lowered to a destination's own limit (API call size, file part size) where that is smaller; 0
    /// uses each destination's limit. A batch is held in memory whole until its destination accepts it, so this bounds
    /// a run's memory: the default keeps a batch of a few text columns near 15 MB, where a file destination's own
    /// limit (up to 1,000,000 rows a part) would hold ten times that.
    /// </summary>
    [Range(0, 10_000_000)]
    public int BatchSize { get; set; } = DefaultBatchSize;

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

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseRenewInterval * 2 > LeaseDuration)
        {
            yield return new ValidationResult(
                $"Scheduler:LeaseRenewInterval ({LeaseRenewInterval}) must be at most half of Scheduler:LeaseDuration ({LeaseDuration}), or a live run could lose its lease between two renewals.",
                [nameof(LeaseRenewInterval), nameof(LeaseDuration)]);
        }
    }
}
