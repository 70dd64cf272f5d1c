using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Commands;
using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Conversations.Actions;

// Buttons that read: they carry the campaign id, so a renamed campaign still answers.

public sealed class ShowAction(CampaignService campaigns, CampaignPreviews previews, TimeProvider clock) : IChatAction
{
    public string ActionId => ChatActions.Show;

    public Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken) =>
        CampaignIds.TryParse(value, out var id)
            ? ShowCommand.SummaryAsync(campaigns.Get(id, caller.Actor!), caller.Actor!, previews, clock, cancellationToken)
            : Task.FromResult(CampaignIds.Malformed());
}

public sealed class PreviewAction(CampaignService campaigns, CampaignPreviews previews) : IChatAction
{
    public string ActionId => ChatActions.Preview;

    public async Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken)
    {
        if (!CampaignIds.TryParse(value, out var id))
        {
            return CampaignIds.Malformed();
        }

        var found = campaigns.Get(id, caller.Actor!);
        return found is CampaignBot.App.Application.ServiceResult<CampaignView>.Ok { Value: var campaign }
            ? await PreviewCommand.CountAsync(campaign, caller.Actor!, previews, cancellationToken)
            : new ChatReply.Refuse(ResultMessages.Failure(found));
    }
}

public sealed class RunsAction(CampaignService campaigns, RunService runs, TimeProvider clock) : IChatAction
{
    public string ActionId => ChatActions.Runs;

    public Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken)
    {
        if (!CampaignIds.TryParse(value, out var id))
        {
            return Task.FromResult(CampaignIds.Malformed());
        }

        var found = campaigns.Get(id, caller.Actor!);
        return Task.FromResult(found is CampaignBot.App.Application.ServiceResult<CampaignView>.Ok { Value: var campaign }
            ? RunsCommand.For(campaign, caller.Actor!, runs, clock.GetUtcNow())
            : new ChatReply.Refuse(ResultMessages.Failure(found)));
    }
}

/// <summary>Button values are campaign ids; anything else was tampered with or is from another app.</summary>
internal static class CampaignIds
{
    public static bool TryParse(string value, out CampaignId id) => CampaignId.TryParse(value, out id);

    public static ChatReply Malformed() => new ChatReply.Refuse(ResultMessages.Refusal("That button does not name a campaign; nothing was changed."));
}
