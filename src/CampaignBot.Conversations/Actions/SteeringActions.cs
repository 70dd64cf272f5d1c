using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Commands;
using CampaignBot.App.Runs;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Approvals;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Conversations.Actions;

// Buttons that change a campaign. The services check roles, four-eyes and the lifecycle; a refusal is
// answered to the clicker only, and a change reaches everyone through the campaign's notices.

public sealed class SubmitAction(ApprovalService approvals) : IChatAction
{
    public string ActionId => ChatActions.Submit;

    public Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken) =>
        CampaignIds.TryParse(value, out var id) ? SubmitCommand.SubmitAsync(id, caller.Actor!, approvals, cancellationToken) : Task.FromResult(CampaignIds.Malformed());
}

/// <summary>Approve; clicked again after approving, it says when they approved rather than approving again or refusing.</summary>
public sealed class ApproveAction(ApprovalService approvals) : IChatAction
{
    public string ActionId => ChatActions.Approve;

    public async Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken)
    {
        if (!CampaignIds.TryParse(value, out var id))
        {
            return CampaignIds.Malformed();
        }

        var actor = caller.Actor!;
        var answer = await approvals.DecideAsync(id, actor, ApprovalVerdict.Approve, comment: null, cancellationToken);
        if (answer is { Repeated: true, Result: ServiceResult<CampaignView>.Ok { Value: var campaign } }
            && OwnDecisions.Of(campaign, actor, ApprovalVerdict.Approve) is { } earlier)
        {
            return new ChatReply.Say(OwnDecisions.Repeated(campaign, earlier, "approved"));
        }

        return Steered(answer.Result, "approved");
    }

    internal static ChatReply Steered(ServiceResult<CampaignView> result, string done) => ResultMessages.Reply(result, campaign =>
        new ChatMessage($"You {done} {campaign.Name}", [new Notice($"You {done} {campaign.Name}; it is now {campaign.StatusText}.", Tone.Success)]));
}

/// <summary>
/// Reject asks why first: the reason is required and reaches the author. Whether the person may reject at all (role,
/// four-eyes, a request waiting) is checked before the form opens, so nobody types a reason only to be refused.
/// </summary>
public sealed class RejectAction(ApprovalService approvals) : IChatAction
{
    public string ActionId => ChatActions.Reject;

    public bool AnswersWithForm => true;

    public Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken)
    {
        if (!CampaignIds.TryParse(value, out var id))
        {
            return Task.FromResult(CampaignIds.Malformed());
        }

        var actor = caller.Actor!;
        var check = approvals.CheckDecision(id, actor, ApprovalVerdict.Reject);
        return Task.FromResult<ChatReply>(check switch
        {
            ServiceResult<CampaignView>.Ok { Value: var campaign } when OwnDecisions.Of(campaign, actor, ApprovalVerdict.Reject) is { } earlier =>
                new ChatReply.Say(OwnDecisions.Repeated(campaign, earlier, "rejected")),
            ServiceResult<CampaignView>.Ok { Value: var campaign } => new ChatReply.Open(RejectForm.For(campaign)),
            _ => new ChatReply.Refuse(ResultMessages.Failure(check)),
        });
    }
}

/// <summary>Pause, Resume and Cancel: one lifecycle move on the campaign the button names.</summary>
public sealed class LifecycleAction(string actionId, string done, Func<CampaignId, Actor, ServiceResult<CampaignView>> move) : IChatAction
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
