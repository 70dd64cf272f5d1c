using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.App.Explain;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Commands;

/// <summary>"explain dana@example.com in Spring sale": why one customer is or is not in a campaign, step by step.</summary>
public sealed class ExplainCommand(CampaignLookup lookup, CampaignExplainer explainer) : IChatCommand
{
    private const string Separator = " in ";

    public string Verb => "explain";

    public string Usage => "explain <customer id or email> in <campaign>";

    public string Description => "why a customer is or is not in a campaign, and what each destination gets";

    public async Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        var at = arguments.IndexOf(Separator, StringComparison.OrdinalIgnoreCase);
        if (at <= 0)
        {
            return new ChatReply.Refuse(ResultMessages.Refusal($"Say who and which campaign: {caller.Style.Command("explain dana@example.com in Spring sale")}."));
        }

        var found = lookup.ByName(arguments[(at + Separator.Length)..], caller);
        if (found is not ServiceResult<CampaignView>.Ok { Value: var campaign })
        {
            return new ChatReply.Refuse(ResultMessages.Failure(found));
        }

        // Channels hand over plain text: a channel's own wrapping of a typed email is undone by its parser.
        var customer = arguments[..at].Trim();
        return ResultMessages.Reply(await explainer.ExplainAsync(campaign.Id, customer, caller.Actor!, cancellationToken), ExplanationCard.For);
    }
}
