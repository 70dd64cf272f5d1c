using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Conversations.Actions;

/// <summary>The reason for a rejection: required, because the author needs to know what to change.</summary>
public sealed class RejectForm(ApprovalService approvals) : IChatForm
{
    public const string Id = "campaign.reject";
    private const string Reason = "reason";

    public string FormId => Id;

    public static ChatForm For(CampaignView campaign) => new(
        Id,
        "Reject campaign",
        "Reject",
        [new Paragraph($"Rejecting {campaign.Name} sends it back to its author as a draft. Tell them what to change.")],
        [new TextField { Id = Reason, Label = "Reason", Multiline = true, MaxLength = 1000, Placeholder = "e.g. The control group is too small" }],
        campaign.Id.ToString());

    public async Task<ChatReply> SubmitAsync(ChatCaller caller, FormSubmission submission, CancellationToken cancellationToken)
    {
        var reason = submission.Text(Reason);
        if (reason.Length == 0)
        {
            return new ChatReply.FieldErrors(new Dictionary<string, string> { [Reason] = "Say why, so the author knows what to change." });
        }

        if (!CampaignId.TryParse(submission.State, out var id))
        {
            return new ChatReply.Close(ResultMessages.Refusal("That form does not name a campaign; nothing was changed."));
        }

        var result = await approvals.RejectAsync(id, caller.Actor!, reason, cancellationToken);
        return result is ServiceResult<CampaignView>.Ok { Value: var campaign }
            ? new ChatReply.Close(new ChatMessage($"You rejected {campaign.Name}", [new Notice($"You rejected {campaign.Name}; its author has been told why.", Tone.Success)]))
            : new ChatReply.Close(ResultMessages.Failure(result));
    }
}
