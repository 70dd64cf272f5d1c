using CampaignBot.Delivery.Connectors;

namespace CampaignBot.App.Alerts;

public enum AlertState
{
    /// <summary>Failing and nobody has said they are on it.</summary>
    Open,

    /// <summary>Still failing; someone is on it, so it is not escalated.</summary>
    Acknowledged,

    /// <summary>A later run delivered to the destination; the alert is closed. A new failure opens a new alert.</summary>
    Recovered,
}

/// <summary>
/// One episode of failing deliveries of a campaign to one destination, from the first failed run until a run
/// delivers there again. Repeated failures update it instead of raising another, so on-call staff see one
/// alert with its count rather than a stream of them.
/// </summary>
public sealed class AlertRecord
{
    public Guid Id { get; set; }

    public int Version { get; set; }

    public Guid CampaignId { get; set; }

    public string CampaignName { get; set; } = "";

    /// <summary>Who wrote the campaign: they hear about its failures too.</summary>
    public string AuthorId { get; set; } = "";

    /// <summary>The destination instance's name; empty for a run that failed before it reached any destination.</summary>
    public string Destination { get; set; } = "";

    /// <summary>"Klaviyo", "Amazon S3": the service, in words.</summary>
    public string Service { get; set; } = "";

    public AlertState State { get; set; }

    /// <summary>The class of the latest failure; null when the run stopped for a reason that has no class.</summary>
    public FailureKind? Failure { get; set; }

    public string Cause { get; set; } = "";

    public List<string> Steps { get; set; } = [];

    /// <summary>The latest failed run; Retry re-sends its failed deliveries to this destination.</summary>
    public string RunId { get; set; } = "";

    public DateTimeOffset RunSlot { get; set; }

    /// <summary>The latest failed run's deliveries to this destination, one per recipient group.</summary>
    public List<AlertDelivery> Deliveries { get; set; } = [];

    /// <summary>How many failed runs (or retries) this alert stands for.</summary>
    public int Occurrences { get; set; }

    /// <summary>Which run and attempts the latest occurrence was, so finishing a run again for another destination is not a repeat.</summary>
    public string Signature { get; set; } = "";

    public DateTimeOffset RaisedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? MutedBy { get; set; }

    public DateTimeOffset? MutedUntil { get; set; }

    /// <summary>Whether on-call staff were told; an alert raised while its destination was muted is told when the mute ends.</summary>
    public bool Announced { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public string? RetriedBy { get; set; }

    public DateTimeOffset? RetriedAt { get; set; }

    public DateTimeOffset? RecoveredAt { get; set; }

    /// <summary>The run that delivered again.</summary>
    public string? RecoveredBy { get; set; }

    public bool IsOpen => State != AlertState.Recovered;

    public bool IsMuted(DateTimeOffset now) => MutedUntil is { } until && until > now;

    /// <summary>
    /// Unacknowledged for the whole allowance since it was raised (or since its mute ended), and told to on-call
    /// staff, who therefore had their chance: time to tell the escalation list. Escalated once.
    /// </summary>
    public bool EscalationDue(DateTimeOffset now, TimeSpan after) =>
        State == AlertState.Open && Announced && EscalatedAt is null && !IsMuted(now)
        && now >= (MutedUntil is { } until && until > RaisedAt ? until : RaisedAt) + after;

    public long Delivered => Deliveries.Sum(d => d.Delivered);

    public long Expected => Deliveries.Sum(d => d.Expected);
}

/// <summary>One (recipient group, destination) delivery of the failed run, with how far it got.</summary>
public sealed class AlertDelivery
{
    public string Key { get; set; } = "";

    public string Group { get; set; } = "";

    public string Status { get; set; } = "";

    public long Delivered { get; set; }

    /// <summary>The group's members: what the destination would hold if every row were sendable and sent.</summary>
    public long Expected { get; set; }

    /// <summary>Rows left out before sending (no valid email, …), which are not part of the failure.</summary>
    public long Dropped { get; set; }

    public string? Error { get; set; }
}
