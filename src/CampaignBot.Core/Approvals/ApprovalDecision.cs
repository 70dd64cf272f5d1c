namespace CampaignBot.Core.Approvals;

public enum ApprovalVerdict
{
    Approve,
    Reject,
}

/// <summary>One approver's recorded verdict on one version of a campaign, and where they gave it ("slack", "teams", "web").</summary>
public sealed record ApprovalDecision(string PersonId, string PersonName, ApprovalVerdict Verdict, DateTimeOffset At, string Channel, string? Comment);

/// <summary>Whether a decision may be recorded.</summary>
public abstract record DecisionCheck
{
    private DecisionCheck()
    {
    }

    public sealed record Allowed : DecisionCheck;

    /// <summary>The same person already gave the same verdict: a repeated click or a retried webhook, nothing to record.</summary>
    public sealed record AlreadyRecorded(ApprovalDecision Existing) : DecisionCheck;

    /// <summary>A sentence the person reads, saying why and what to do instead.</summary>
    public sealed record Refused(string Reason) : DecisionCheck;
}

/// <summary>Where a request stands after its decisions so far.</summary>
public abstract record ApprovalOutcome
{
    private ApprovalOutcome()
    {
    }

    public sealed record Approved(int Approvers) : ApprovalOutcome;

    /// <summary>One rejection is enough; <see cref="By"/> is the first, whose comment goes to the author.</summary>
    public sealed record Rejected(ApprovalDecision By) : ApprovalOutcome;

    public sealed record Waiting(int More) : ApprovalOutcome;
}
