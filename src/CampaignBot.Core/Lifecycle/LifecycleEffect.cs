namespace CampaignBot.Core.Lifecycle;

/// <summary>
/// One change a transition makes to a campaign's lifecycle fields besides its status. The set is closed: the one
/// writer in the application applies exactly these, so every lifecycle field is written for a reason named here.
/// </summary>
public abstract record LifecycleEffect
{
    private LifecycleEffect()
    {
    }

    /// <summary>Says why the campaign is where it is; null clears an earlier reason.</summary>
    public sealed record SetReason(string? Reason) : LifecycleEffect;

    /// <summary>A new approval request now waits for decisions.</summary>
    public sealed record OpenRequest(Guid RequestId) : LifecycleEffect;

    /// <summary>No request waits any more (decided, expired or withdrawn).</summary>
    public sealed record CloseRequest : LifecycleEffect;

    /// <summary>Pins the approval to exactly what the approvers saw.</summary>
    public sealed record PinApproval(ApprovedVersion Approved) : LifecycleEffect;

    /// <summary>
    /// No approval stands any more. The approved snapshot and audience are kept: the next request shows its changes
    /// against them, and nothing runs without a new approval pinning fresh ones.
    /// </summary>
    public sealed record VoidApproval : LifecycleEffect;

    /// <summary>Fixes the first occurrence; later ones count from it.</summary>
    public sealed record SetAnchor(DateTimeOffset Anchor) : LifecycleEffect;

    /// <summary>Places the campaign on an occurrence: its slot, and when it may start.</summary>
    public sealed record PlaceNext(DateTimeOffset Slot, DateTimeOffset RunAt) : LifecycleEffect;

    /// <summary>Takes the campaign off its schedule: nothing is due until something places it again.</summary>
    public sealed record ClearSchedule : LifecycleEffect;

    /// <summary>The occurrence at <paramref name="Slot"/> has started; the schedule counts on from it.</summary>
    public sealed record RecordOccurrence(DateTimeOffset Slot) : LifecycleEffect;
}
