namespace CampaignBot.Core.Lifecycle;

public enum CampaignStatus
{
    Draft,
    PendingApproval,

    /// <summary>Approved, not yet placed on the schedule.</summary>
    Approved,

    /// <summary>Waiting for its next occurrence (launch time, cadence or the end of quiet hours).</summary>
    Scheduled,
    Running,
    Completed,
    PartiallyFailed,
    Failed,
    Paused,
    Cancelled,
    Expired,
}
