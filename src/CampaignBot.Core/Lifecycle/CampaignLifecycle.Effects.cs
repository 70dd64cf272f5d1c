using CampaignBot.Core.Scheduling;
using CampaignBot.Core.Text;
using Effect = CampaignBot.Core.Lifecycle.LifecycleEffect;

namespace CampaignBot.Core.Lifecycle;

public static partial class CampaignLifecycle
{
    private const string EditedAfterApproval = "Edited after approval; the approval is void and it needs approving again.";

    private const string StaleRequest = "A segment or destination behind it changed after it was submitted; review it and submit it again.";

    /// <summary>
    /// Decides what <paramref name="move"/> does to a campaign in <paramref name="state"/> at <paramref name="now"/>:
    /// the status it lands in and every other lifecycle field it changes, as effects for the one writer to apply.
    /// A refusal is the sentence <see cref="Check"/> gives.
    /// </summary>
    public static TransitionResult Decide(LifecycleState state, CampaignMove move, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(move);
        return move switch
        {
            CampaignMove.Edit => Moved(state, move, [Reason(state.ApprovedFingerprint is null ? null : EditedAfterApproval), .. Withdrawn()]),
            CampaignMove.Submit submit => Moved(state, move, [new Effect.OpenRequest(submit.RequestId), Reason(null)],
                $"{Counted.Of(submit.Approvers, "approver")} needed for {Counted.Of(submit.Audience, "recipient")}"),
            CampaignMove.Approve approve => Moved(state, move, [new Effect.CloseRequest(), Reason(null), new Effect.PinApproval(approve.Approved)], approve.Comment),
            CampaignMove.Reject reject => Moved(state, move, [new Effect.CloseRequest(), Reason($"Rejected by {reject.By}: {reject.Comment}")], reject.Comment),
            CampaignMove.ExpireRequest expire => Moved(state, move,
                [new Effect.CloseRequest(), Reason($"The approval request expired after {Counted.Of(expire.After.TotalHours, "hour", "0.#")} without a decision; submit it again.")]),
            CampaignMove.WithdrawStaleRequest => Moved(state, move, [new Effect.CloseRequest(), Reason(StaleRequest)], StaleRequest),
            CampaignMove.Pause pause => Moved(state, move, [Reason($"Paused by {pause.By}.")]),
            CampaignMove.Resume resume => Moved(state, move, [Reason(null), .. Placement(state, resume, now)]),
            CampaignMove.Cancel cancel => Moved(state, move, [Reason($"Cancelled by {cancel.By}."), .. Withdrawn()]),
            CampaignMove.Retry retry => Moved(state, move, [], $"Run {retry.RunId}: {Counted.Of(retry.Deliveries, "delivery")}"),
            CampaignMove.Place place => Place(state, place.Schedule, now),
            CampaignMove.Start start => Moved(state, move, [new Effect.RecordOccurrence(start.Slot), new Effect.ClearSchedule()], $"Run {start.RunId} on {start.Worker}"),
            CampaignMove.Finish finish => Finish(state, finish, now),
            CampaignMove.RequestReapproval again => Moved(state, move,
                [new Effect.OpenRequest(again.RequestId), new Effect.VoidApproval(), new Effect.ClearSchedule(), Reason(again.Drift)], again.Drift),
            _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
        };
    }

    // Editing or cancelling leaves nothing standing: no approval, no request waiting, no occurrence placed.
    private static Effect[] Withdrawn() => [new Effect.VoidApproval(), new Effect.CloseRequest(), new Effect.ClearSchedule()];

    // A run the pause stopped continues now, where it stopped; a campaign paused before it was placed is placed here,
    // so it never reads as scheduled without a next run.
    private static Effect[] Placement(LifecycleState state, CampaignMove.Resume resume, DateTimeOffset now)
    {
        if (resume.PausedRunSlot is { } slot)
        {
            return [new Effect.PlaceNext(slot, now)];
        }

        return state.NextSlot is null && resume.Schedule is { } schedule && CampaignOccurrences.Next(state, schedule, now) is { } next
            ? [new Effect.SetAnchor(CampaignOccurrences.AnchorOf(state, schedule, now)), new Effect.PlaceNext(next.Slot, next.RunAt)]
            : [];
    }

    // Placing a campaign where it already is changes nothing; with no occurrence left before its expiry it expires.
    private static TransitionResult Place(LifecycleState state, CampaignSchedule schedule, DateTimeOffset now)
    {
        if (CampaignOccurrences.Next(state, schedule, now) is not { } next)
        {
            var reason = state.LastSlot is null ? "It expired before its first run." : "No occurrence is left before its expiry.";
            return Moved(state, CampaignAction.Expire, [Reason(reason), new Effect.ClearSchedule()], reason);
        }

        if (state.Status == CampaignStatus.Scheduled && !CampaignOccurrences.Moves(state, next, now))
        {
            return Moved(state, CampaignAction.Schedule, []);
        }

        var detail = next.SkippedSlots > 0
            ? $"Next run {next.RunAt:u}; {Counted.Of(next.SkippedSlots, "occurrence")} missed while the service was down {Counted.IsOrAre(next.SkippedSlots)} skipped"
            : $"Next run {next.RunAt:u}";
        return Moved(state, CampaignAction.Schedule,
            [new Effect.SetAnchor(CampaignOccurrences.AnchorOf(state, schedule, now)), new Effect.PlaceNext(next.Slot, next.RunAt)], detail);
    }

    // A one-time campaign ends as its run did. A recurring one is placed on its next occurrence in the same write that
    // ends its run, so no reader sees it scheduled without a next run; with none left before its expiry it ends there.
    private static TransitionResult Finish(LifecycleState state, CampaignMove.Finish finish, DateTimeOffset now)
    {
        if (finish.RanAs is not (CampaignStatus.Completed or CampaignStatus.PartiallyFailed or CampaignStatus.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(finish), finish.RanAs, "A run ends completed, partially failed or failed.");
        }

        var ran = $"Run {finish.RunId} {finish.RanAs}";
        if (finish.Recurring is not { } schedule)
        {
            return Moved(state, CampaignAction.Finish, [], ran, finish.RanAs);
        }

        var anchor = new Effect.SetAnchor(CampaignOccurrences.AnchorOf(state, schedule, now));
        var failed = finish.RanAs == CampaignStatus.Completed ? null : $"The last run {Words(finish.RanAs)}; see its errors.";
        if (CampaignOccurrences.Next(state, schedule, now) is not { } next)
        {
            var reason = string.Join(' ', new[] { failed, "No occurrence is left before its expiry." }.OfType<string>());
            return Moved(state, CampaignAction.Finish, [anchor, new Effect.ClearSchedule(), Reason(reason)],
                $"{ran}; no occurrence is left before its expiry", CampaignStatus.Expired);
        }

        return Moved(state, CampaignAction.Finish, [anchor, new Effect.PlaceNext(next.Slot, next.RunAt), Reason(failed)],
            $"{ran}; next run {next.RunAt:u}", CampaignStatus.Scheduled);
    }

    private static TransitionResult Moved(LifecycleState state, CampaignMove move, Effect[] effects, string? detail = null) =>
        Moved(state, move.Action, effects, detail);

    private static TransitionResult Moved(
        LifecycleState state, CampaignAction action, Effect[] effects, string? detail = null, CampaignStatus? finishedAs = null)
    {
        var check = Check(state.Status, action, finishedAs);
        return check.IsAllowed
            ? new TransitionResult.Allowed(new CampaignTransition(action, state.Status, check.To!.Value, effects, detail))
            : new TransitionResult.Refused(check.Refusal!);
    }

    private static Effect.SetReason Reason(string? reason) => new(reason);
}
