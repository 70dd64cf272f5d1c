using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.Scheduling;
using static CampaignBot.Core.Lifecycle.CampaignStatus;
using Effect = CampaignBot.Core.Lifecycle.LifecycleEffect;

namespace CampaignBot.Core.Tests.Lifecycle;

// What each move does to a campaign's lifecycle fields, decided without a store: the status it lands in, the effects
// the one writer applies, and the audit line.
public sealed class LifecycleDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Launch = new(2026, 6, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly CampaignSchedule Daily = new() { TimeZone = TimeZoneInfo.Utc, LaunchInstant = Launch, Cadence = Cadence.Daily };
    private static readonly Guid Request = Guid.Parse("6f1c2c1e-6a57-4a5f-9f60-2f7d0c1f3a11");
    private static readonly ApprovedVersion Version = new("fp-1", "[]", Now, 1_500);

    public static TheoryData<string> Moves() => [.. SampleMoves().Keys];

    [Theory]
    [MemberData(nameof(Moves))]
    public void Each_move_is_allowed_from_exactly_its_statuses_and_refused_from_the_others_in_the_lifecycle_words(string name)
    {
        var (move, allowedFrom, audited, finishedAs) = SampleMoves()[name];
        foreach (var status in Enum.GetValues<CampaignStatus>())
        {
            var result = CampaignLifecycle.Decide(new LifecycleState { Status = status }, move, Now);

            if (allowedFrom.Contains(status))
            {
                var transition = Assert.IsType<TransitionResult.Allowed>(result).Transition;
                Assert.Equal((audited, status), (transition.Action, transition.From));
                Assert.Equal(CampaignLifecycle.Check(status, audited, finishedAs).To, transition.To);
            }
            else
            {
                var refused = Assert.IsType<TransitionResult.Refused>(result);
                Assert.Equal(CampaignLifecycle.Check(status, audited, finishedAs).Refusal, refused.Reason);
            }
        }
    }

    [Fact]
    public void Editing_an_approved_campaign_voids_its_approval_closes_its_request_and_takes_it_off_the_schedule()
    {
        var approved = new LifecycleState { Status = CampaignStatus.Scheduled, ApprovedFingerprint = "fp-1", NextSlot = Launch, NextRunAt = Launch };

        var transition = Allowed(approved, new CampaignMove.Edit());

        Assert.Equal(CampaignStatus.Draft, transition.To);
        Assert.Equal<Effect>(
            [new Effect.SetReason("Edited after approval; the approval is void and it needs approving again."), new Effect.VoidApproval(), new Effect.CloseRequest(), new Effect.ClearSchedule()],
            transition.Effects);
    }

    [Fact]
    public void Editing_a_draft_that_was_never_approved_gives_no_reason()
    {
        var transition = Allowed(new LifecycleState { Status = CampaignStatus.Draft, StatusReason = "Rejected by Omar: too broad" }, new CampaignMove.Edit());

        Assert.Equal((CampaignStatus.Draft, new Effect.SetReason(null)), (transition.To, transition.Effects[0]));
    }

    [Fact]
    public void Submitting_opens_the_request_clears_the_reason_and_says_how_many_approvers_it_needs()
    {
        var transition = Allowed(new LifecycleState { Status = CampaignStatus.Draft, StatusReason = "Rejected" }, new CampaignMove.Submit(Request, 2, 1_500));

        Assert.Equal(CampaignStatus.PendingApproval, transition.To);
        Assert.Equal<Effect>([new Effect.OpenRequest(Request), new Effect.SetReason(null)], transition.Effects);
        Assert.Equal("2 approvers needed for 1,500 recipients", transition.Detail);
    }

    [Fact]
    public void Approving_pins_what_the_approvers_saw_and_closes_the_request()
    {
        var transition = Allowed(Pending(), new CampaignMove.Approve(Version, "Looks right"));

        Assert.Equal(CampaignStatus.Approved, transition.To);
        Assert.Equal<Effect>([new Effect.CloseRequest(), new Effect.SetReason(null), new Effect.PinApproval(Version)], transition.Effects);
        Assert.Equal("Looks right", transition.Detail);
    }

    [Fact]
    public void Rejecting_returns_it_to_draft_with_who_rejected_it_and_why()
    {
        var transition = Allowed(Pending(), new CampaignMove.Reject("Omar", "Too broad"));

        Assert.Equal(CampaignStatus.Draft, transition.To);
        Assert.Equal<Effect>([new Effect.CloseRequest(), new Effect.SetReason("Rejected by Omar: Too broad")], transition.Effects);
        Assert.Equal("Too broad", transition.Detail);
    }

    [Theory]
    [InlineData(72, "72 hours")]
    [InlineData(1, "1 hour")]
    [InlineData(1.5, "1.5 hours")]
    public void An_expired_request_returns_it_to_draft_saying_after_how_long(double hours, string words)
    {
        var transition = Allowed(Pending(), new CampaignMove.ExpireRequest(TimeSpan.FromHours(hours)));

        Assert.Equal((CampaignAction.ExpireApprovalRequest, CampaignStatus.Draft), (transition.Action, transition.To));
        Assert.Equal<Effect>(
            [new Effect.CloseRequest(), new Effect.SetReason($"The approval request expired after {words} without a decision; submit it again.")],
            transition.Effects);
        Assert.Null(transition.Detail);
    }

    [Fact]
    public void A_stale_request_is_withdrawn_and_the_author_is_told_to_review_and_submit_again()
    {
        const string stale = "A segment or destination behind it changed after it was submitted; review it and submit it again.";

        var transition = Allowed(Pending(), new CampaignMove.WithdrawStaleRequest());

        Assert.Equal((CampaignAction.ExpireApprovalRequest, CampaignStatus.Draft, stale), (transition.Action, transition.To, transition.Detail));
        Assert.Equal<Effect>([new Effect.CloseRequest(), new Effect.SetReason(stale)], transition.Effects);
    }

    [Fact]
    public void Pausing_says_who_paused_it_and_keeps_its_place()
    {
        var transition = Allowed(new LifecycleState { Status = CampaignStatus.Scheduled, NextSlot = Launch, NextRunAt = Launch }, new CampaignMove.Pause("Maya"));

        Assert.Equal(CampaignStatus.Paused, transition.To);
        Assert.Equal<Effect>([new Effect.SetReason("Paused by Maya.")], transition.Effects);
    }

    [Fact]
    public void Resuming_continues_a_paused_run_now_at_its_own_occurrence()
    {
        var transition = Allowed(new LifecycleState { Status = CampaignStatus.Paused, StatusReason = "Paused by Maya." }, new CampaignMove.Resume(Launch, Daily));

        Assert.Equal(CampaignStatus.Scheduled, transition.To);
        Assert.Equal<Effect>([new Effect.SetReason(null), new Effect.PlaceNext(Launch, Now)], transition.Effects);
    }

    [Fact]
    public void Resuming_a_campaign_paused_before_it_was_placed_places_it_on_its_first_occurrence()
    {
        var transition = Allowed(new LifecycleState { Status = CampaignStatus.Paused }, new CampaignMove.Resume(null, Daily));

        Assert.Equal<Effect>([new Effect.SetReason(null), new Effect.SetAnchor(Launch), new Effect.PlaceNext(Launch, Launch)], transition.Effects);
    }

    [Fact]
    public void Resuming_a_placed_campaign_keeps_its_place_and_one_that_no_longer_resolves_waits_for_the_scheduler()
    {
        var placed = Allowed(new LifecycleState { Status = CampaignStatus.Paused, NextSlot = Launch, NextRunAt = Launch }, new CampaignMove.Resume(null, Daily));
        var unresolved = Allowed(new LifecycleState { Status = CampaignStatus.Paused }, new CampaignMove.Resume(null, null));

        Assert.Equal<Effect>([new Effect.SetReason(null)], placed.Effects);
        Assert.Equal<Effect>([new Effect.SetReason(null)], unresolved.Effects);
    }

    [Fact]
    public void Cancelling_leaves_no_approval_no_request_and_no_next_run()
    {
        var transition = Allowed(new LifecycleState { Status = CampaignStatus.Scheduled, ApprovedFingerprint = "fp-1", NextSlot = Launch }, new CampaignMove.Cancel("Maya"));

        Assert.Equal(CampaignStatus.Cancelled, transition.To);
        Assert.Equal<Effect>(
            [new Effect.SetReason("Cancelled by Maya."), new Effect.VoidApproval(), new Effect.CloseRequest(), new Effect.ClearSchedule()],
            transition.Effects);
    }

    [Fact]
    public void Retrying_runs_the_campaign_again_and_records_which_run_and_how_many_deliveries()
    {
        var transition = Allowed(new LifecycleState { Status = CampaignStatus.PartiallyFailed }, new CampaignMove.Retry("run-1", 1));

        Assert.Equal((CampaignStatus.Running, "Run run-1: 1 delivery"), (transition.To, transition.Detail));
        Assert.Empty(transition.Effects);
    }

    [Fact]
    public void Placing_an_approved_campaign_fixes_its_anchor_and_next_run()
    {
        var transition = Allowed(new LifecycleState { Status = CampaignStatus.Approved, ApprovedAt = Now }, new CampaignMove.Place(Daily));

        Assert.Equal((CampaignAction.Schedule, CampaignStatus.Scheduled), (transition.Action, transition.To));
        Assert.Equal<Effect>([new Effect.SetAnchor(Launch), new Effect.PlaceNext(Launch, Launch)], transition.Effects);
        Assert.Equal("Next run 2026-06-02 09:00:00Z", transition.Detail);
    }

    [Fact]
    public void An_asap_campaign_counts_its_occurrences_from_its_approval()
    {
        var asap = Daily with { LaunchInstant = null };

        var transition = Allowed(new LifecycleState { Status = CampaignStatus.Approved, ApprovedAt = Now.AddMinutes(-1) }, new CampaignMove.Place(asap));

        Assert.Equal<Effect>([new Effect.SetAnchor(Now.AddMinutes(-1)), new Effect.PlaceNext(Now.AddMinutes(-1), Now)], transition.Effects);
    }

    [Fact]
    public void Placing_a_campaign_where_it_already_is_changes_nothing_also_when_its_due_run_would_start_a_moment_later()
    {
        var placed = new LifecycleState { Status = CampaignStatus.Scheduled, Anchor = Launch, NextSlot = Launch, NextRunAt = Launch };
        var due = placed with { NextRunAt = Launch.AddSeconds(2) };

        Assert.Empty(Allowed(placed, new CampaignMove.Place(Daily)).Effects);
        Assert.Empty(Allowed(due, new CampaignMove.Place(Daily), Launch.AddSeconds(5)).Effects);
    }

    [Fact]
    public void Placing_after_downtime_says_how_many_occurrences_are_skipped()
    {
        var state = new LifecycleState { Status = CampaignStatus.Scheduled, Anchor = Launch, LastSlot = Launch, NextSlot = Launch.AddDays(1), NextRunAt = Launch.AddDays(1) };
        var now = Launch.AddDays(3).AddHours(1);

        var transition = Allowed(state, new CampaignMove.Place(Daily), now);

        Assert.Equal<Effect>([new Effect.SetAnchor(Launch), new Effect.PlaceNext(Launch.AddDays(3), now)], transition.Effects);
        Assert.Equal("Next run 2026-06-05 10:00:00Z; 2 occurrences missed while the service was down are skipped", transition.Detail);
    }

    [Fact]
    public void Placing_a_campaign_with_no_occurrence_left_expires_it_saying_whether_it_ever_ran()
    {
        var expired = Daily with { ExpiresAt = Now.AddHours(-1) };

        var never = Allowed(new LifecycleState { Status = CampaignStatus.Approved }, new CampaignMove.Place(expired));
        var ran = Allowed(new LifecycleState { Status = CampaignStatus.Scheduled, LastSlot = Launch.AddDays(-5), Anchor = Launch.AddDays(-5) }, new CampaignMove.Place(expired));

        Assert.Equal((CampaignAction.Expire, CampaignStatus.Expired, "It expired before its first run."), (never.Action, never.To, never.Detail));
        Assert.Equal<Effect>([new Effect.SetReason("It expired before its first run."), new Effect.ClearSchedule()], never.Effects);
        Assert.Equal("No occurrence is left before its expiry.", ran.Detail);
    }

    [Fact]
    public void Starting_records_the_occurrence_and_takes_it_off_the_schedule()
    {
        var transition = Allowed(new LifecycleState { Status = CampaignStatus.Scheduled, NextSlot = Launch, NextRunAt = Launch }, new CampaignMove.Start(Launch, "run-1", "host:1"));

        Assert.Equal((CampaignStatus.Running, "Run run-1 on host:1"), (transition.To, transition.Detail));
        Assert.Equal<Effect>([new Effect.RecordOccurrence(Launch), new Effect.ClearSchedule()], transition.Effects);
    }

    [Theory]
    [InlineData(CampaignStatus.Completed)]
    [InlineData(CampaignStatus.PartiallyFailed)]
    [InlineData(CampaignStatus.Failed)]
    public void A_one_time_campaign_ends_as_its_run_did(CampaignStatus ranAs)
    {
        var transition = Allowed(RunningState(), new CampaignMove.Finish("run-1", ranAs, null));

        Assert.Equal((ranAs, $"Run run-1 {ranAs}"), (transition.To, transition.Detail));
        Assert.Empty(transition.Effects);
    }

    [Fact]
    public void A_recurring_campaign_goes_on_to_its_next_occurrence_in_the_write_that_ends_its_run()
    {
        var transition = Allowed(RunningState(), new CampaignMove.Finish("run-1", CampaignStatus.Completed, Daily), Launch.AddMinutes(5));

        Assert.Equal((CampaignStatus.Scheduled, "Run run-1 Completed; next run 2026-06-03 09:00:00Z"), (transition.To, transition.Detail));
        Assert.Equal<Effect>([new Effect.SetAnchor(Launch), new Effect.PlaceNext(Launch.AddDays(1), Launch.AddDays(1)), new Effect.SetReason(null)], transition.Effects);
    }

    [Fact]
    public void A_recurring_campaign_whose_run_failed_says_so_until_the_next_run()
    {
        var transition = Allowed(RunningState(), new CampaignMove.Finish("run-1", CampaignStatus.PartiallyFailed, Daily), Launch.AddMinutes(5));

        Assert.Equal(new Effect.SetReason("The last run partially failed; see its errors."), transition.Effects[^1]);
    }

    [Fact]
    public void A_recurring_campaign_with_no_occurrence_left_expires_when_its_last_run_ends()
    {
        var ending = Daily with { ExpiresAt = Launch.AddHours(12) };

        var transition = Allowed(RunningState(), new CampaignMove.Finish("run-1", CampaignStatus.Failed, ending), Launch.AddMinutes(5));

        Assert.Equal((CampaignStatus.Expired, "Run run-1 Failed; no occurrence is left before its expiry"), (transition.To, transition.Detail));
        Assert.Equal<Effect>(
            [new Effect.SetAnchor(Launch), new Effect.ClearSchedule(), new Effect.SetReason("The last run failed; see its errors. No occurrence is left before its expiry.")],
            transition.Effects);
    }

    [Fact]
    public void A_finish_is_a_run_outcome()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CampaignLifecycle.Decide(RunningState(), new CampaignMove.Finish("run-1", CampaignStatus.Draft, null), Now));
    }

    [Fact]
    public void A_drifted_audience_opens_a_new_request_voids_the_approval_and_takes_it_off_the_schedule()
    {
        const string drift = "The audience is 3,000 recipients against 1,500 approved.";

        var transition = Allowed(RunningState() with { ApprovedFingerprint = "fp-1" }, new CampaignMove.RequestReapproval(Request, drift));

        Assert.Equal((CampaignStatus.PendingApproval, drift), (transition.To, transition.Detail));
        Assert.Equal<Effect>(
            [new Effect.OpenRequest(Request), new Effect.VoidApproval(), new Effect.ClearSchedule(), new Effect.SetReason(drift)],
            transition.Effects);
    }

    // Each move with the statuses it is allowed from, the action the audit records, and the outcome a run finished as.
    private static Dictionary<string, (CampaignMove Move, CampaignStatus[] From, CampaignAction Audited, CampaignStatus? FinishedAs)> SampleMoves()
    {
        CampaignStatus[] unfinished = [Draft, PendingApproval, Approved, Scheduled, Running, Paused];
        var pastExpiry = Daily with { ExpiresAt = Now.AddDays(-1) };
        return new()
        {
            ["edit"] = (new CampaignMove.Edit(), [Draft, PendingApproval, Approved, Scheduled, Paused], CampaignAction.Edit, null),
            ["submit"] = (new CampaignMove.Submit(Request, 1, 10), [Draft], CampaignAction.Submit, null),
            ["approve"] = (new CampaignMove.Approve(Version, null), [PendingApproval], CampaignAction.Approve, null),
            ["reject"] = (new CampaignMove.Reject("Omar", "No"), [PendingApproval], CampaignAction.Reject, null),
            ["expire request"] = (new CampaignMove.ExpireRequest(TimeSpan.FromHours(72)), [PendingApproval], CampaignAction.ExpireApprovalRequest, null),
            ["withdraw stale request"] = (new CampaignMove.WithdrawStaleRequest(), [PendingApproval], CampaignAction.ExpireApprovalRequest, null),
            ["pause"] = (new CampaignMove.Pause("Maya"), [Approved, Scheduled, Running], CampaignAction.Pause, null),
            ["resume"] = (new CampaignMove.Resume(null, Daily), [Paused], CampaignAction.Resume, null),
            ["cancel"] = (new CampaignMove.Cancel("Maya"), unfinished, CampaignAction.Cancel, null),
            ["retry"] = (new CampaignMove.Retry("run-1", 2), [PartiallyFailed, Failed], CampaignAction.Retry, null),
            ["place"] = (new CampaignMove.Place(Daily), [Approved, Scheduled], CampaignAction.Schedule, null),
            ["place past expiry"] = (new CampaignMove.Place(pastExpiry), [Approved, Scheduled, Paused, Running], CampaignAction.Expire, null),
            ["start"] = (new CampaignMove.Start(Launch, "run-1", "host:1"), [Approved, Scheduled, Running], CampaignAction.Start, null),
            ["finish one-time"] = (new CampaignMove.Finish("run-1", Failed, null), [Running], CampaignAction.Finish, Failed),
            ["finish recurring"] = (new CampaignMove.Finish("run-1", Completed, Daily), [Running], CampaignAction.Finish, Scheduled),
            ["finish the last occurrence"] = (new CampaignMove.Finish("run-1", Completed, pastExpiry), [Running], CampaignAction.Finish, Expired),
            ["request reapproval"] = (new CampaignMove.RequestReapproval(Request, "drifted"), [Scheduled, Running], CampaignAction.RequestReapproval, null),
        };
    }

    private static LifecycleState Pending() => new() { Status = CampaignStatus.PendingApproval, OpenRequestId = Request };

    private static LifecycleState RunningState() => new() { Status = CampaignStatus.Running, Anchor = Launch, LastSlot = Launch };

    private static CampaignTransition Allowed(LifecycleState state, CampaignMove move, DateTimeOffset? now = null) =>
        Assert.IsType<TransitionResult.Allowed>(CampaignLifecycle.Decide(state, move, now ?? Now)).Transition;
}
