using CampaignBot.Core.Lifecycle;

namespace CampaignBot.App.Campaigns;

/// <summary>A campaign as stored: the draft as the author wrote it, its lifecycle and schedule position.</summary>
public sealed class CampaignRecord
{
    public Guid Id { get; set; }

    /// <summary>Bumped by every write; a write that names an older version is refused, not merged.</summary>
    public int Version { get; set; }

    public string Name { get; set; } = "";

    public CampaignStatus Status { get; set; }

    /// <summary>Why it is in its status when that is not obvious (rejected, request expired, audience drift…).</summary>
    public string? StatusReason { get; set; }

    /// <summary>The <see cref="Core.Campaigns.CampaignDraft"/> as JSON, exactly as last saved.</summary>
    public string DraftJson { get; set; } = "{}";

    /// <summary>The instant the draft was validated at; re-validating as of this instant gives the same definition.</summary>
    public DateTimeOffset ValidatedAt { get; set; }

    public string AuthorId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? OpenRequestId { get; set; }

    /// <summary>Fingerprint of the resolved campaign its approval is pinned to; any edit clears it.</summary>
    public string? ApprovedFingerprint { get; set; }

    public string? ApprovedSnapshotJson { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>The audience the approvers saw; a recurring run that drifts too far from it waits for re-approval.</summary>
    public long? ApprovedAudience { get; set; }

    /// <summary>First occurrence: the launch instant, or the approval instant for ASAP.</summary>
    public DateTimeOffset? Anchor { get; set; }

    public DateTimeOffset? NextSlot { get; set; }

    public DateTimeOffset? NextRunAt { get; set; }

    public DateTimeOffset? LastSlot { get; set; }
}
