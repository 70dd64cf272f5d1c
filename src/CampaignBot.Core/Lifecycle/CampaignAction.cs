namespace CampaignBot.Core.Lifecycle;

/// <summary>Everything that moves a campaign between statuses: what people ask for, and what the scheduler does.</summary>
public enum CampaignAction
{
    Edit,
    Delete,
    Submit,
    Approve,
    Reject,
    Pause,
    Resume,
    Cancel,

    /// <summary>Send a finished run's failed deliveries again.</summary>
    Retry,

    /// <summary>The scheduler places an approved campaign on its schedule.</summary>
    Schedule,

    /// <summary>The scheduler starts (or resumes) a run.</summary>
    Start,

    /// <summary>A run ended; the outcome decides the next status.</summary>
    Finish,

    /// <summary>No occurrence is left before the expiry.</summary>
    Expire,

    /// <summary>An approval request ran out of time; it is never approved by timeout.</summary>
    ExpireApprovalRequest,

    /// <summary>A recurring audience drifted past the approved size; it needs approving again.</summary>
    RequestReapproval,
}
