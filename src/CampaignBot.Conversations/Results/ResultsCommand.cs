using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Results;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Results;

/// <summary>"results &lt;campaign&gt;": the verdict, a table per group against its control, and the chart.</summary>
public sealed class ResultsCommand(CampaignLookup lookup, ResultsService results) : IChatCommand
{
    public string Verb => "results";

    public string Usage => "results <campaign>";

    public string Description => "did it work: each group's conversions and revenue against its control, with the verdict and a chart";

    public async Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var found = lookup.ByName(arguments, caller);
        if (found is not ServiceResult<CampaignView>.Ok { Value: var campaign })
        {
            return new ChatReply.Refuse(ResultMessages.Failure(found));
        }

        return ResultMessages.Reply(await results.GetAsync(campaign.Id, null, caller.Actor!, cancellationToken), ResultsMessage.Of);
    }
}
