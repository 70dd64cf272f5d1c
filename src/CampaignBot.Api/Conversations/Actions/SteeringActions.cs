using CampaignBot.Api.Application;
using CampaignBot.Api.Approvals;
using CampaignBot.Api.Campaigns;
using CampaignBot.Api.Conversations.Cards;
using CampaignBot.Api.Conversations.Commands;
using CampaignBot.Api.Runs;
using CampaignBot.Chat.Messages;

namespace CampaignBot.Api.Conversations.Actions;

// Buttons that change a campaign. The services check roles, four-eyes and the lifecycle; a refusal is
// answered to the clicker only, and a change reaches everyone through the campaign's notices.

public sealed class SubmitAction(ApprovalService approvals) : IChatAction
{
    public string ActionId => ChatActions.Submit;

    public Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken) =>
        CampaignIds.TryParse(value, out var id) ? SubmitCommand.SubmitAsync(id, caller.Actor!, approvals, cancellationToken) : Task.FromResult(CampaignIds.Malformed());
}

public sealed class ApproveAction(ApprovalService approvals) : IChatAction
{
    public string ActionId => ChatActions.Approve;

    public async Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken) =>
        CampaignIds.TryParse(value, out var id)
            ? Steered(await approvals.ApproveAsync(id, caller.Actor!, comment: null, cancellationToken), "approved")
            : CampaignIds.Malformed();

    internal static ChatReply Steered(ServiceResult<CampaignView> result, string done) => ResultMessages.Reply(result, campaign =>
        new ChatMessage($"You {done} {campaign.Name}", [new Notice($"You {done} {campaign.Name}; it is now {campaign.StatusText}.", Tone.Success)]));
}

/// <summary>Reject asks why first: the reason is required and reaches the author.</summary>
public sealed class RejectAction(CampaignService campaigns) : IChatAction
{
    public string ActionId => ChatActions.Reject;

    public bool AnswersWithForm => true;

    public Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken)
    {
        if (!CampaignIds.TryParse(value, out var id))
        {
            return Task.FromResult(CampaignIds.Malformed());
        }

        var found = campaigns.Get(id, caller.Actor!);
        return Task.FromResult<ChatReply>(found is ServiceResult<CampaignView>.Ok { Value: var campaign }
            ? new ChatReply.Open(RejectForm.For(campaign))
            : new ChatReply.Refuse(ResultMessages.Failure(found)));
    }
}

/// <summary>Pause, Resume and Cancel: one lifecycle move on the campaign the button names.</summary>
public sealed class LifecycleAction(string actionId, string done, Func<Guid, Actor, ServiceResult<CampaignView>> move) : IChatAction
{
    public string ActionId => actionId;

    public static IEnumerable<LifecycleAction> All(CampaignService campaigns) =>
    [
        new(ChatActions.Pause, "paused", campaigns.Pause),
        new(ChatActions.Resume, "resumed", campaigns.Resume),
        new(ChatActions.Cancel, "cancelled", campaigns.Cancel),
    ];

    public Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken) =>
        Task.FromResult(CampaignIds.TryParse(value, out var id) ? ApproveAction.Steered(move(id, caller.Actor!), done) : CampaignIds.Malformed());
}

/// <summary>Re-sends only a run's failed deliveries; what was delivered is not sent again.</summary>
public sealed class RetryAction(RunService runs) : IChatAction
{
    public string ActionId => ChatActions.Retry;

    public Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken) =>
        Task.FromResult(ResultMessages.Reply(runs.Retry(value, caller.Actor!), run => new ChatMessage(
            $"Retrying {run.Campaign}",
            [new Notice($"The failed deliveries of {run.Campaign} are queued again; delivered rows are not re-sent.", Tone.Success)])));
}
