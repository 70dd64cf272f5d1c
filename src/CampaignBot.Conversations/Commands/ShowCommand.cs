using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;

namespace CampaignBot.Conversations.Commands;

/// <summary>The campaign summary with its counts when the campaign can be counted (a draft with mistakes cannot).</summary>
public sealed class ShowCommand(CampaignLookup lookup, CampaignPreviews previews, TimeProvider clock) : IChatCommand
{
    public string Verb => "show";

    public string Usage => "show <campaign>";

    public string Description => "a campaign's summary: schedule, audience split, warnings and next steps";

    public Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken) =>
        SummaryAsync(lookup.ByName(arguments, caller), caller.Actor!, previews, clock, cancellationToken);

    /// <summary>Shared with the buttons that show a campaign by id.</summary>
    public static async Task<ChatReply> SummaryAsync(
        ServiceResult<CampaignView> found, Actor actor, CampaignPreviews previews, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (found is not ServiceResult<CampaignView>.Ok { Value: var campaign })
        {
            return new ChatReply.Refuse(ResultMessages.Failure(found));
        }

        var preview = await previews.PreviewAsync(campaign.Id, actor, cancellationToken);
        var card = CampaignCard.For(campaign, (preview as ServiceResult<PreviewView>.Ok)?.Value, clock.GetUtcNow());
        if (preview is ServiceResult<PreviewView>.Invalid)
        {
            card = card.With(new Messages.Footnote("Counts appear once the campaign's mistakes are fixed."));
        }

        return new ChatReply.Say(card);
    }
}
