using CampaignBot.Core.Approvals;

namespace CampaignBot.App.Approvals;

public enum ApprovalRequestState
{
    Open,
    Approved,
    Rejected,

    /// <summary>The campaign was edited or cancelled while the request waited.</summary>
    Withdrawn,

    /// <summary>Nobody decided in time; nothing is ever approved by timeout.</summary>
    Expired,

    /// <summary>Was approved, then the approval stopped standing: the campaign was edited, cancelled or drifted.</summary>
    Voided,
}

/// <summary>One request to approve one exact version (fingerprint) of a campaign, and the decisions on it.</summary>
public sealed class ApprovalRequestRecord
{
    public Guid Id { get; set; }

    public Guid CampaignId { get; set; }

    public string CampaignName { get; set; } = "";

    public string Fingerprint { get; set; } = "";

    public string SnapshotJson { get; set; } = "[]";

    /// <summary>Readable changes against the last approved version, or null for a first request.</summary>
    public string? ChangesSinceApproved { get; set; }

    /// <summary>The audience as counted for the request (a preview, as JSON), so every copy of its card shows what approvers were asked about.</summary>
    public string? CountsJson { get; set; }

    public int RequiredApprovers { get; set; }

    public List<string> Reasons { get; set; } = [];

    public long Audience { get; set; }

    public string AuthorId { get; set; } = "";

    public string RequestedBy { get; set; } = "";

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset RemindAt { get; set; }

    public DateTimeOffset? RemindedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public ApprovalRequestState State { get; set; }

    public List<DecisionRecord> Decisions { get; set; } = [];

    public IReadOnlyList<ApprovalDecision> DecisionList() =>
        Decisions.Select(d => new ApprovalDecision(d.PersonId, d.PersonName, d.Verdict, d.At, d.Channel, d.Comment)).ToList();
}

public sealed class DecisionRecord
{
    public string PersonId { get; set; } = "";

    public string PersonName { get; set; } = "";

    public ApprovalVerdict Verdict { get; set; }

    public DateTimeOffset At { get; set; }

    public string Channel { get; set; } = "";

    public string? Comment { get; set; }
}
