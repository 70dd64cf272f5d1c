using System.Globalization;
using CampaignBot.Core.People;

namespace CampaignBot.Core.Approvals;

/// <summary>Who may approve or reject a request, and what the recorded decisions add up to.</summary>
public static class ApprovalDecisions
{
    public const int MaxComment = 1000;

    /// <summary>Checks whether <paramref name="person"/> may record <paramref name="verdict"/> with <paramref name="comment"/> on a request written by <paramref name="authorId"/>.</summary>
    public static DecisionCheck Check(Person person, string authorId, IReadOnlyList<ApprovalDecision> recorded, ApprovalVerdict verdict, string? comment)
    {
        var may = MayDecide(person, authorId, recorded, verdict);
        if (may is not DecisionCheck.Allowed)
        {
            return may;
        }

        if (verdict == ApprovalVerdict.Reject && string.IsNullOrWhiteSpace(comment))
        {
            return new DecisionCheck.Refused("Say why you are rejecting it; the author will see your comment.");
        }

        var length = comment?.Trim().Length ?? 0;
        if (length > MaxComment)
        {
            return new DecisionCheck.Refused(
                $"Your comment is {length.ToString("N0", CultureInfo.InvariantCulture)} characters long; keep it to {MaxComment} or fewer.");
        }

        return new DecisionCheck.Allowed();
    }

    /// <summary>
    /// The rules about the person alone (role and four-eyes from <see cref="Permissions"/>, an earlier decision), without the comment: checked before
    /// asking them to write one, so nobody types a reason only to be told they may not decide.
    /// </summary>
    public static DecisionCheck MayDecide(Person person, string authorId, IReadOnlyList<ApprovalDecision> recorded, ApprovalVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(recorded);
        if (Permissions.Check(person, Operation.DecideApprovals, authorId) is { IsAllowed: false } refused)
        {
            return new DecisionCheck.Refused(refused.Refusal!);
        }

        // Checked before the comment rules, so a repeated click on "Reject" is a no-op rather than a complaint.
        if (recorded.FirstOrDefault(d => Person.IdComparer.Equals(d.PersonId, person.Id)) is { } own)
        {
            return own.Verdict == verdict
                ? new DecisionCheck.AlreadyRecorded(own)
                : new DecisionCheck.Refused(
                    $"You already {Past(own.Verdict)} this version; a decision cannot be changed. If you changed your mind, ask the author to submit it again.");
        }

        if (recorded.FirstOrDefault(d => d.Verdict == ApprovalVerdict.Reject) is { } rejection)
        {
            return new DecisionCheck.Refused($"{rejection.PersonName} already rejected this version; the author must change it and submit it again.");
        }

        return new DecisionCheck.Allowed();
    }

    /// <summary>Approved once enough different people approved and nobody rejected; any rejection rejects.</summary>
    public static ApprovalOutcome Outcome(IReadOnlyList<ApprovalDecision> recorded, int requiredApprovers)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentOutOfRangeException.ThrowIfLessThan(requiredApprovers, 1);
        if (recorded.FirstOrDefault(d => d.Verdict == ApprovalVerdict.Reject) is { } rejection)
        {
            return new ApprovalOutcome.Rejected(rejection);
        }

        var approvers = recorded.Select(d => d.PersonId).Distinct(Person.IdComparer).Count();
        return approvers >= requiredApprovers
            ? new ApprovalOutcome.Approved(approvers)
            : new ApprovalOutcome.Waiting(requiredApprovers - approvers);
    }

    private static string Past(ApprovalVerdict verdict) => verdict == ApprovalVerdict.Approve ? "approved" : "rejected";
}
