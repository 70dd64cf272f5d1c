namespace CampaignBot.Core.Lifecycle;

/// <summary>A move the lifecycle allows, or the reason it does not, in words the person who asked can act on.</summary>
public sealed record TransitionCheck(CampaignStatus? To, string? Refusal)
{
    public bool IsAllowed => To is not null;

    public static TransitionCheck Allow(CampaignStatus to) => new(to, null);

    public static TransitionCheck Refuse(string reason) => new(null, reason);
}

/// <summary>
/// The campaign lifecycle of the architecture: Draft → PendingApproval → Approved → Scheduled → Running →
/// Completed | PartiallyFailed | Failed, with Paused, Cancelled and Expired on the side. Editing anything
/// approved or waiting returns it to Draft, which voids the approval.
/// </summary>
public static partial class CampaignLifecycle
{
    private static readonly CampaignAction[] UserActions =
        [CampaignAction.Edit, CampaignAction.Submit, CampaignAction.Approve, CampaignAction.Reject, CampaignAction.Pause, CampaignAction.Resume, CampaignAction.Cancel, CampaignAction.Retry, CampaignAction.Delete];

    public static bool IsFinished(CampaignStatus status) =>
        status is CampaignStatus.Completed or CampaignStatus.PartiallyFailed or CampaignStatus.Failed or CampaignStatus.Cancelled or CampaignStatus.Expired;

    /// <summary>
    /// Where <paramref name="action"/> takes a campaign in <paramref name="from"/>. <see cref="CampaignAction.Finish"/>
    /// needs <paramref name="finishedAs"/>: the run's own outcome, or Scheduled when a recurring campaign has more to run.
    /// </summary>
    public static TransitionCheck Check(CampaignStatus from, CampaignAction action, CampaignStatus? finishedAs = null) => action switch
    {
        CampaignAction.Edit => from switch
        {
            CampaignStatus.Draft or CampaignStatus.PendingApproval or CampaignStatus.Approved or CampaignStatus.Scheduled or CampaignStatus.Paused
                => TransitionCheck.Allow(CampaignStatus.Draft),
            CampaignStatus.Running => TransitionCheck.Refuse("A run is in progress; pause the campaign first, then edit it."),
            _ => Finished(from, "edited; create a new campaign instead"),
        },
        // Deleting removes the record; only campaigns that never ran may go (the service also checks for runs).
        CampaignAction.Delete => from is CampaignStatus.Draft or CampaignStatus.PendingApproval or CampaignStatus.Cancelled
            ? TransitionCheck.Allow(CampaignStatus.Cancelled)
            : IsFinished(from)
                ? TransitionCheck.Refuse($"A campaign that is {Words(from)} is kept with its runs for the record and cannot be deleted.")
                : TransitionCheck.Refuse($"A campaign that is {Words(from)} cannot be deleted; cancel it first."),
        CampaignAction.Submit => from == CampaignStatus.Draft
            ? TransitionCheck.Allow(CampaignStatus.PendingApproval)
            : TransitionCheck.Refuse(from == CampaignStatus.PendingApproval
                ? "It is already waiting for approval."
                : $"Only a draft can be submitted; this campaign is {Words(from)}."),
        CampaignAction.Approve or CampaignAction.Reject => from == CampaignStatus.PendingApproval
            ? TransitionCheck.Allow(action == CampaignAction.Approve ? CampaignStatus.Approved : CampaignStatus.Draft)
            : TransitionCheck.Refuse($"There is nothing to decide: the campaign is {Words(from)}, not waiting for approval."),
        CampaignAction.Pause => from is CampaignStatus.Approved or CampaignStatus.Scheduled or CampaignStatus.Running
            ? TransitionCheck.Allow(CampaignStatus.Paused)
            : TransitionCheck.Refuse(from == CampaignStatus.Paused ? "It is already paused." : $"Only an approved, scheduled or running campaign can be paused; this one is {Words(from)}."),
        CampaignAction.Resume => from == CampaignStatus.Paused
            ? TransitionCheck.Allow(CampaignStatus.Scheduled)
            : TransitionCheck.Refuse($"Only a paused campaign can be resumed; this one is {Words(from)}."),
        CampaignAction.Cancel => IsFinished(from)
            ? Finished(from, "cancelled")
            : TransitionCheck.Allow(CampaignStatus.Cancelled),
        CampaignAction.Retry => from is CampaignStatus.PartiallyFailed or CampaignStatus.Failed
            ? TransitionCheck.Allow(CampaignStatus.Running)
            : TransitionCheck.Refuse($"Only a failed or partially failed campaign has deliveries to retry; this one is {Words(from)}."),
        CampaignAction.Schedule => from is CampaignStatus.Approved or CampaignStatus.Scheduled
            ? TransitionCheck.Allow(CampaignStatus.Scheduled)
            : TransitionCheck.Refuse($"Only an approved campaign can be scheduled; this one is {Words(from)}."),
        CampaignAction.Start => from is CampaignStatus.Approved or CampaignStatus.Scheduled or CampaignStatus.Running
            ? TransitionCheck.Allow(CampaignStatus.Running)
            : TransitionCheck.Refuse($"A campaign that is {Words(from)} does not run."),
        CampaignAction.Finish => from == CampaignStatus.Running && finishedAs is CampaignStatus.Completed or CampaignStatus.PartiallyFailed
                or CampaignStatus.Failed or CampaignStatus.Scheduled or CampaignStatus.Expired
            ? TransitionCheck.Allow(finishedAs.Value)
            : TransitionCheck.Refuse($"A campaign that is {Words(from)} cannot finish as {(finishedAs is { } f ? Words(f) : "nothing")}."),
        CampaignAction.Expire => from is CampaignStatus.Approved or CampaignStatus.Scheduled or CampaignStatus.Paused or CampaignStatus.Running
            ? TransitionCheck.Allow(CampaignStatus.Expired)
            : TransitionCheck.Refuse($"A campaign that is {Words(from)} does not expire."),
        CampaignAction.ExpireApprovalRequest => from == CampaignStatus.PendingApproval
            ? TransitionCheck.Allow(CampaignStatus.Draft)
            : TransitionCheck.Refuse("There is no approval request waiting."),
        CampaignAction.RequestReapproval => from is CampaignStatus.Scheduled or CampaignStatus.Running
            ? TransitionCheck.Allow(CampaignStatus.PendingApproval)
            : TransitionCheck.Refuse($"A campaign that is {Words(from)} is not sending, so it needs no re-approval."),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The actions a person could take now, before roles are considered; front ends render these as buttons.</summary>
    public static IReadOnlyList<CampaignAction> Available(CampaignStatus status) =>
        UserActions.Where(a => Check(status, a).IsAllowed).ToList();

    /// <summary>"pending approval", "partially failed": how a status reads in a sentence.</summary>
    public static string Words(CampaignStatus status) => status switch
    {
        CampaignStatus.PendingApproval => "pending approval",
        CampaignStatus.PartiallyFailed => "partially failed",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static TransitionCheck Finished(CampaignStatus from, string verb) =>
        TransitionCheck.Refuse($"The campaign is {Words(from)} and can no longer be {verb}.");
}
