using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Commands;

public sealed class PreviewCommand(CampaignLookup lookup, CampaignPreviews previews) : IChatCommand
{
    public string Verb => "preview";

    public string Usage => "preview <campaign>";

    public string Description => "count the audience per sub-audience, group and destination without sending anything";

    public async Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        var found = lookup.ByName(arguments, caller);
        return found is ServiceResult<CampaignView>.Ok { Value: var campaign }
            ? await CountAsync(campaign, caller.Actor!, previews, cancellationToken)
            : new ChatReply.Refuse(ResultMessages.Failure(found));
    }

    public static async Task<ChatReply> CountAsync(CampaignView campaign, Actor actor, CampaignPreviews previews, CancellationToken cancellationToken)
    {
        var preview = await previews.PreviewAsync(campaign.Id, actor, cancellationToken);
        return ResultMessages.Reply(preview, counts => new ChatMessage(
            $"{campaign.Name}: {Quantities.Of(counts.Recipients, "recipient", "recipients")}",
            [
                new Heading($"Preview: {campaign.Name}"),
                .. PreviewBlocks.For(counts),
                .. Warnings.For(campaign, counts).Select(w => (ChatBlock)new Notice(w, Tone.Warning)),
                new Footnote("Nothing was sent. Counts change as customers change."),
            ]));
    }
}
