using CampaignBot.Core.Scheduling;

namespace CampaignBot.Core.Lifecycle;

/// <summary>
/// A move someone (a person, the scheduler, a run) asks of a campaign, with the facts the lifecycle needs to decide
/// it: who asked, which request was opened, what was approved, where the schedule stands. The application gathers
/// the facts; <see cref="CampaignLifecycle.Decide"/> decides what the move does.
/// </summary>
public abstract record CampaignMove
{
    private CampaignMove()
    {
    }

    public abstract CampaignAction Action { get; }

    /// <summary>The author saved a new draft: anything approved or waiting goes back to Draft and its approval is void.</summary>
    public sealed record Edit : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Edit;
    }

    /// <summary>The author asked for approval; <paramref name="RequestId"/> is the request that now waits.</summary>
    public sealed record Submit(Guid RequestId, int Approvers, long Audience) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Submit;
    }

    /// <summary>Enough approvers approved; the approval is pinned to what they saw.</summary>
    public sealed record Approve(ApprovedVersion Approved, string? Comment) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Approve;
    }

    /// <summary>An approver rejected it, saying why.</summary>
    public sealed record Reject(string By, string? Comment) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Reject;
    }

    /// <summary>Nobody decided within <paramref name="After"/>; nothing is ever approved by timeout.</summary>
    public sealed record ExpireRequest(TimeSpan After) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.ExpireApprovalRequest;
    }

    /// <summary>
    /// Someone tried to approve, but a segment or destination behind the campaign changed since it was submitted:
    /// the request no longer describes what would be sent, so it closes and the author submits again.
    /// </summary>
    public sealed record WithdrawStaleRequest : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.ExpireApprovalRequest;
    }

    public sealed record Pause(string By) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Pause;
    }

    /// <param name="PausedRunSlot">The occurrence of a run the pause stopped, which continues where it stopped.</param>
    /// <param name="Schedule">The campaign's schedule, to place it when it was paused before being placed; null when it no longer resolves.</param>
    public sealed record Resume(DateTimeOffset? PausedRunSlot, CampaignSchedule? Schedule) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Resume;
    }

    public sealed record Cancel(string By) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Cancel;
    }

    /// <summary>A finished run's failed deliveries are sent again.</summary>
    public sealed record Retry(string RunId, int Deliveries) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Retry;
    }

    /// <summary>
    /// The scheduler places an approved (or returning) campaign on its next occurrence, or expires it when none is
    /// left. Placing it where it already is changes nothing.
    /// </summary>
    public sealed record Place(CampaignSchedule Schedule) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Schedule;
    }

    /// <summary>The scheduler claimed the occurrence at <paramref name="Slot"/> as run <paramref name="RunId"/> on <paramref name="Worker"/>.</summary>
    public sealed record Start(DateTimeOffset Slot, string RunId, string Worker) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Start;
    }

    /// <summary>
    /// Run <paramref name="RunId"/> ended as <paramref name="RanAs"/> (Completed, PartiallyFailed or Failed). A
    /// recurring campaign (<paramref name="Recurring"/> is its schedule) goes on to its next occurrence, or expires
    /// when none is left; a one-time campaign ends as its run did.
    /// </summary>
    public sealed record Finish(string RunId, CampaignStatus RanAs, CampaignSchedule? Recurring) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.Finish;
    }

    /// <summary>A recurring audience drifted past the approved size: request <paramref name="RequestId"/> asks again.</summary>
    public sealed record RequestReapproval(Guid RequestId, string Drift) : CampaignMove
    {
        public override CampaignAction Action => CampaignAction.RequestReapproval;
    }
}

/// <summary>The version approvers approved: its fingerprint and snapshot, when, and the audience they saw.</summary>
public sealed record ApprovedVersion(string Fingerprint, string SnapshotJson, DateTimeOffset At, long Audience);
