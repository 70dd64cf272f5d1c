using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Text;

namespace CampaignBot.Conversations.Commands;

public sealed class SubmitCommand(CampaignLookup lookup, ApprovalService approvals) : IChatCommand
{
    public string Verb => "submit";

    public string Usage => "submit <campaign>";

    public string Description => "send a draft to the approvers";

    public async Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        var found = lookup.ByName(arguments, caller);
        return found is ServiceResult<CampaignView>.Ok { Value: var campaign }
            ? await SubmitAsync(campaign.Id, caller.Actor!, approvals, cancellationToken)
            : new ChatReply.Refuse(ResultMessages.Failure(found));
    }

    public static async Task<ChatReply> SubmitAsync(Guid campaignId, Actor actor, ApprovalService approvals, CancellationToken cancellationToken) =>
        ResultMessages.Reply(await approvals.SubmitAsync(campaignId, actor, cancellationToken), campaign => new ChatMessage(
            $"{campaign.Name} was submitted for approval",
            [
                new Notice($"{campaign.Name} is {campaign.StatusText}.", Tone.Success),
                new Paragraph(campaign.Approval is { } approval
                    ? $"It needs {Counted.Of(approval.RequiredApprovers, "approver")} other than you" + (approval.Reasons.Count > 0 ? $" ({string.Join("; ", approval.Reasons)})." : ".")
                    : "It needs no approval and is scheduled."),
                new Footnote("Approvers were sent a card with Approve and Reject buttons; you will get a message when they decide."),
            ]));
}
