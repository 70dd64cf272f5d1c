namespace CampaignBot.Core.Lifecycle;

/// <summary>
/// A campaign's lifecycle fields as one value: everything a lifecycle decision reads, and everything its effects write.
/// The draft itself (name, content) is not part of it; editing that is the author's business, not the lifecycle's.
/// </summary>
public sealed record LifecycleState
{
    public CampaignStatus Status { get; init; }

    /// <summary>Why it is in its status when that is not obvious (rejected, request expired, audience drift…).</summary>
    public string? StatusReason { get; init; }

    /// <summary>The approval request waiting for decisions, while there is one.</summary>
    public Guid? OpenRequestId { get; init; }

    /// <summary>Fingerprint of the resolved campaign its approval is pinned to; null when no approval stands.</summary>
    public string? ApprovedFingerprint { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>The audience the approvers saw; a recurring run that drifts too far from it waits for re-approval.</summary>
    public long? ApprovedAudience { get; init; }

    /// <summary>First occurrence: the launch instant, or the approval instant for ASAP; occurrences count from it.</summary>
    public DateTimeOffset? Anchor { get; init; }

    /// <summary>The occurrence the campaign is placed on, and when it may start (after quiet hours).</summary>
    public DateTimeOffset? NextSlot { get; init; }

    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>The occurrence last started; the schedule counts on from it.</summary>
    public DateTimeOffset? LastSlot { get; init; }
}
