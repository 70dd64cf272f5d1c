using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Approvals;
using Humanizer;

namespace CampaignBot.Conversations.Cards;

/// <summary>The card approvers act on, and what it becomes for everyone once decided.</summary>
public static class ApprovalCard
{
    public static ChatMessage Pending(CampaignView campaign, PreviewView? preview, ApprovalRequestRecord request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(request);
        var id = campaign.Id.ToString();
        var approvals = request.Decisions.Count(d => d.Verdict == ApprovalVerdict.Approve);
        var blocks = new List<ChatBlock>
        {
            new Heading($"Approval needed: {campaign.Name}"),
            new FactList(
            [
                new Fact("Author", request.AuthorId),
                new Fact("Recipients", Quantities.Of(request.Audience)),
                new Fact("Approvals", $"{approvals} of {request.RequiredApprovers}"),
                new Fact("Schedule", campaign.Schedule ?? "As soon as approved"),
                new Fact("Decide by", $"{request.ExpiresAt:yyyy-MM-dd HH:mm} UTC ({request.ExpiresAt.Humanize(now)})"),
                .. PriorityLanguageSeedFacts.For(campaign.Draft),
            ]),
        };
        if (request.Reasons.Count > 0)
        {
            blocks.Add(new Paragraph("Why approval is needed: " + string.Join("; ", request.Reasons)));
        }

        if (request.ChangesSinceApproved is { Length: > 0 } changes)
        {
            blocks.Add(new Notice($"Changed since it was last approved: {changes}", Tone.Info));
        }

        if (preview is not null)
        {
            blocks.AddRange(PreviewBlocks.For(preview));
        }

        blocks.AddRange(Warnings.For(campaign, preview).Select(w => (ChatBlock)new Notice(w, Tone.Warning)));
        blocks.Add(new ActionRow(
        [
            new ChatButton(ChatActions.Approve, "Approve", id, ButtonStyle.Primary, new Confirmation(
                "Approve this campaign?", $"{campaign.Name} will be sent to {Quantities.Of(request.Audience, "recipient", "recipients")} on its schedule.", "Approve", "Not yet")),
            new ChatButton(ChatActions.Reject, "Reject", id, ButtonStyle.Danger),
            new ChatButton(ChatActions.Show, "Details", id),
        ]));
        blocks.Add(new Footnote("Approvers cannot approve their own campaigns."));
        return new ChatMessage($"Approval needed: {campaign.Name} ({Quantities.Of(request.Audience, "recipient", "recipients")})", blocks);
    }

    /// <summary>The decided card: no buttons, who decided and when, so nobody clicks a stale Approve.</summary>
    public static ChatMessage Decided(ApprovalRequestRecord request, string outcome)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tone = outcome == "approved" ? Tone.Success : Tone.Error;
        var lines = request.Decisions.Select(d =>
            $"{(d.Verdict == ApprovalVerdict.Approve ? "Approved" : "Rejected")} by {d.PersonName} at {d.At:yyyy-MM-dd HH:mm} UTC via {d.Channel}" + (d.Comment is { Length: > 0 } c ? $": \"{c}\"" : "")).ToList();
        return new ChatMessage(
            $"{request.CampaignName} was {outcome}",
            [
                new Heading($"{request.CampaignName}: {outcome}"),
                new Notice($"{request.CampaignName} was {outcome}.", tone),
                new BulletList(lines),
                new ActionRow([new ChatButton(ChatActions.Show, "Details", request.CampaignId.ToString())]),
            ]);
    }

    public static ChatMessage Expired(ApprovalRequestRecord request) => new(
        $"{request.CampaignName}: approval expired",
        [
            new Heading($"{request.CampaignName}: approval expired"),
            new Notice("Nobody decided in time, so the campaign went back to draft; it was not approved. Its author can submit it again.", Tone.Warning),
        ]);
}
