namespace CampaignBot.Core.Scheduling;

public sealed record CampaignSchedule
{
    /// <summary>The zone in which cadences, quiet hours and local launch times are read.</summary>
    public required TimeZoneInfo TimeZone { get; init; }

    /// <summary>When to launch; null launches as soon as the campaign is approved.</summary>
    public DateTimeOffset? LaunchInstant { get; init; }

    /// <summary>Null for a campaign that runs once.</summary>
    public Cadence? Cadence { get; init; }

    /// <summary>
    /// A fixed period between passes, counted in elapsed time rather than wall time: a triggered campaign's
    /// Triggers:PollInterval, set by the service (a setting, not part of the definition). Null otherwise.
    /// </summary>
    public TimeSpan? Every { get; init; }

    /// <summary>No run starts at or after this instant.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    public QuietHours? QuietHours { get; init; }

    public bool LaunchesAsap => LaunchInstant is null;
}
