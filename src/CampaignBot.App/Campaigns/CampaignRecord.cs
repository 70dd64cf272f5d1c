using CampaignBot.Core.Lifecycle;
using LiteDB;

namespace CampaignBot.App.Campaigns;

/// <summary>
/// A campaign as stored: the draft as the author wrote it, its lifecycle and schedule position. The lifecycle fields
/// have private setters: they change only by <see cref="Apply"/>ing a transition the Core lifecycle decided, and
/// <see cref="CampaignTransitions"/> is the one caller (LiteDB fills them when it reads a record).
/// </summary>
public sealed class CampaignRecord
{
    public Guid Id { get; set; }

    /// <summary>Bumped by every write; a write that names an older version is refused, not merged.</summary>
    public int Version { get; set; }

    public string Name { get; set; } = "";

    public CampaignStatus Status { get; private set; } = CampaignStatus.Draft;

    /// <summary>Why it is in its status when that is not obvious (rejected, request expired, audience drift…).</summary>
    public string? StatusReason { get; private set; }

    /// <summary>The <see cref="Core.Campaigns.CampaignDraft"/> as JSON, exactly as last saved.</summary>
    public string DraftJson { get; set; } = "{}";

    /// <summary>The instant the draft was validated at; re-validating as of this instant gives the same definition.</summary>
    public DateTimeOffset ValidatedAt { get; set; }

    public string AuthorId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? OpenRequestId { get; private set; }

    /// <summary>Fingerprint of the resolved campaign its approval is pinned to; any edit clears it.</summary>
    public string? ApprovedFingerprint { get; private set; }

    public string? ApprovedSnapshotJson { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>The audience the approvers saw; a recurring run that drifts too far from it waits for re-approval.</summary>
    public long? ApprovedAudience { get; private set; }

    /// <summary>First occurrence: the launch instant, or the approval instant for ASAP.</summary>
    public DateTimeOffset? Anchor { get; private set; }

    public DateTimeOffset? NextSlot { get; private set; }

    public DateTimeOffset? NextRunAt { get; private set; }

    public DateTimeOffset? LastSlot { get; private set; }

    /// <summary>The lifecycle fields as the Core lifecycle reads them.</summary>
    [BsonIgnore]
    public LifecycleState Lifecycle => new()
    {
        Status = Status,
        StatusReason = StatusReason,
        OpenRequestId = OpenRequestId,
        ApprovedFingerprint = ApprovedFingerprint,
        ApprovedAt = ApprovedAt,
        ApprovedAudience = ApprovedAudience,
        Anchor = Anchor,
        NextSlot = NextSlot,
        NextRunAt = NextRunAt,
        LastSlot = LastSlot,
    };

    /// <summary>Writes what the lifecycle decided. Only <see cref="CampaignTransitions"/> calls this, inside its transaction.</summary>
    internal void Apply(CampaignTransition transition)
    {
        Status = transition.To;
        foreach (var effect in transition.Effects)
        {
            switch (effect)
            {
                case LifecycleEffect.SetReason reason:
                    StatusReason = reason.Reason;
                    break;
                case LifecycleEffect.OpenRequest open:
                    OpenRequestId = open.RequestId;
                    break;
                case LifecycleEffect.CloseRequest:
                    OpenRequestId = null;
                    break;
                case LifecycleEffect.PinApproval pin:
                    ApprovedFingerprint = pin.Approved.Fingerprint;
                    ApprovedSnapshotJson = pin.Approved.SnapshotJson;
                    ApprovedAt = pin.Approved.At;
                    ApprovedAudience = pin.Approved.Audience;
                    break;
                case LifecycleEffect.VoidApproval:
                    ApprovedFingerprint = null;
                    ApprovedAt = null;
                    break;
                case LifecycleEffect.SetAnchor anchor:
                    Anchor = anchor.Anchor;
                    break;
                case LifecycleEffect.PlaceNext next:
                    NextSlot = next.Slot;
                    NextRunAt = next.RunAt;
                    break;
                case LifecycleEffect.ClearSchedule:
                    NextSlot = null;
                    NextRunAt = null;
                    break;
                case LifecycleEffect.RecordOccurrence started:
                    LastSlot = started.Slot;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(transition), effect, "Unknown lifecycle effect.");
            }
        }
    }
}
