using CampaignBot.Core.Approvals;
using CampaignBot.Core.People;

namespace CampaignBot.Core.Tests.Approvals;

public sealed class ApprovalDecisionsTests
{
    private const string AuthorId = "U-AUTHOR";
    private static readonly DateTimeOffset At = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Person Ana = new("U-ANA", "Ana Approver", Role.Approver);
    private static readonly Person Ben = new("U-BEN", "Ben Approver", Role.Approver | Role.Marketer);
    private static readonly Person Mia = new("U-MIA", "Mia Marketer", Role.Marketer);
    private static readonly Person Ada = new("U-ADA", "Ada Admin", Role.Admin);

    private static ApprovalDecision Decision(Person person, ApprovalVerdict verdict, string? comment = null) =>
        new(person.Id, person.Name, verdict, At, "slack", comment);

    private static string Refusal(DecisionCheck check) => Assert.IsType<DecisionCheck.Refused>(check).Reason;

    [Fact]
    public void An_approver_who_did_not_write_the_campaign_may_approve()
    {
        Assert.IsType<DecisionCheck.Allowed>(ApprovalDecisions.Check(Ana, AuthorId, [], ApprovalVerdict.Approve, null));
    }

    [Fact]
    public void An_admin_may_approve_because_admins_hold_every_role()
    {
        Assert.IsType<DecisionCheck.Allowed>(ApprovalDecisions.Check(Ada, AuthorId, [], ApprovalVerdict.Approve, "Looks good"));
    }

    [Fact]
    public void Someone_without_the_approver_role_is_refused()
    {
        Assert.Equal("Mia Marketer does not hold the approver role.",
            Refusal(ApprovalDecisions.Check(Mia, AuthorId, [], ApprovalVerdict.Approve, null)));
    }

    [Theory]
    [InlineData(ApprovalVerdict.Approve)]
    [InlineData(ApprovalVerdict.Reject)]
    public void The_author_cannot_decide_on_their_own_campaign_even_as_admin(ApprovalVerdict verdict)
    {
        var author = Ada with { Id = AuthorId };

        Assert.Equal("You wrote this campaign; someone else must approve it (four-eyes).",
            Refusal(ApprovalDecisions.Check(author, AuthorId, [], verdict, "Mine")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Rejecting_needs_a_comment(string? comment)
    {
        Assert.Equal("Say why you are rejecting it; the author will see your comment.",
            Refusal(ApprovalDecisions.Check(Ana, AuthorId, [], ApprovalVerdict.Reject, comment)));
    }

    [Fact]
    public void Rejecting_with_a_comment_is_allowed()
    {
        Assert.IsType<DecisionCheck.Allowed>(ApprovalDecisions.Check(Ana, AuthorId, [], ApprovalVerdict.Reject, "The control group is too small."));
    }

    [Fact]
    public void A_comment_of_1000_characters_is_accepted_and_1001_refused()
    {
        Assert.IsType<DecisionCheck.Allowed>(ApprovalDecisions.Check(Ana, AuthorId, [], ApprovalVerdict.Approve, new string('x', 1000)));
        Assert.Equal("Your comment is 1,001 characters long; keep it to 1000 or fewer.",
            Refusal(ApprovalDecisions.Check(Ana, AuthorId, [], ApprovalVerdict.Approve, new string('x', 1001))));
    }

    [Theory]
    [InlineData(ApprovalVerdict.Approve)]
    [InlineData(ApprovalVerdict.Reject)]
    public void Repeating_the_same_verdict_returns_the_recorded_decision(ApprovalVerdict verdict)
    {
        // A repeated click or retried webhook carries no comment; it must not be refused as a reject without reason.
        var existing = Decision(Ana, verdict, verdict == ApprovalVerdict.Reject ? "Wrong segment." : null);

        var check = ApprovalDecisions.Check(Ana, AuthorId, [Decision(Ben, ApprovalVerdict.Approve), existing], verdict, null);

        Assert.Same(existing, Assert.IsType<DecisionCheck.AlreadyRecorded>(check).Existing);
    }

    [Fact]
    public void A_decision_recorded_under_the_same_id_in_another_case_is_the_persons_own()
    {
        // The user directory matches ids ignoring case, so "U-ANA" and "u-ana" are one person deciding once.
        var existing = Decision(Ana with { Id = "u-ana" }, ApprovalVerdict.Approve);

        Assert.Same(existing, Assert.IsType<DecisionCheck.AlreadyRecorded>(ApprovalDecisions.Check(Ana, AuthorId, [existing], ApprovalVerdict.Approve, null)).Existing);
    }

    [Fact]
    public void An_approver_cannot_turn_an_approval_into_a_rejection()
    {
        var recorded = new[] { Decision(Ana, ApprovalVerdict.Approve) };

        Assert.Equal(
            "You already approved this version; a decision cannot be changed. If you changed your mind, ask the author to submit it again.",
            Refusal(ApprovalDecisions.Check(Ana, AuthorId, recorded, ApprovalVerdict.Reject, "Oops")));
    }

    [Fact]
    public void Nobody_else_can_decide_once_someone_rejected()
    {
        var recorded = new[] { Decision(Ben, ApprovalVerdict.Reject, "Wrong segment.") };

        Assert.Equal("Ben Approver already rejected this version; the author must change it and submit it again.",
            Refusal(ApprovalDecisions.Check(Ana, AuthorId, recorded, ApprovalVerdict.Approve, null)));
    }

    [Fact]
    public void Nothing_recorded_waits_for_every_required_approver()
    {
        Assert.Equal(new ApprovalOutcome.Waiting(2), ApprovalDecisions.Outcome([], 2));
    }

    [Fact]
    public void One_approval_is_enough_when_one_is_required()
    {
        Assert.Equal(new ApprovalOutcome.Approved(1), ApprovalDecisions.Outcome([Decision(Ana, ApprovalVerdict.Approve)], 1));
    }

    [Fact]
    public void The_same_person_approving_twice_counts_once()
    {
        var recorded = new[] { Decision(Ana, ApprovalVerdict.Approve), Decision(Ana, ApprovalVerdict.Approve) with { Channel = "teams" } };

        Assert.Equal(new ApprovalOutcome.Waiting(1), ApprovalDecisions.Outcome(recorded, 2));
    }

    [Fact]
    public void The_same_person_under_two_cases_of_their_id_counts_once()
    {
        var recorded = new[] { Decision(Ana, ApprovalVerdict.Approve), Decision(Ana with { Id = "u-ana" }, ApprovalVerdict.Approve) };

        Assert.Equal(new ApprovalOutcome.Waiting(1), ApprovalDecisions.Outcome(recorded, 2));
    }

    [Fact]
    public void Two_different_approvers_approve_a_campaign_that_needs_two()
    {
        var recorded = new[] { Decision(Ana, ApprovalVerdict.Approve), Decision(Ben, ApprovalVerdict.Approve) };

        Assert.Equal(new ApprovalOutcome.Approved(2), ApprovalDecisions.Outcome(recorded, 2));
    }

    [Fact]
    public void One_rejection_rejects_even_when_enough_approved()
    {
        var rejection = Decision(Ada, ApprovalVerdict.Reject, "Sends to the wrong list.");
        var recorded = new[] { Decision(Ana, ApprovalVerdict.Approve), Decision(Ben, ApprovalVerdict.Approve), rejection };

        Assert.Equal(new ApprovalOutcome.Rejected(rejection), ApprovalDecisions.Outcome(recorded, 2));
    }

    [Fact]
    public void Fewer_than_one_required_approver_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ApprovalDecisions.Outcome([], 0));
    }
}
