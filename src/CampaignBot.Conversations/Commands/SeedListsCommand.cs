using CampaignBot.App.SeedLists;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Text;

namespace CampaignBot.Conversations.Commands;

/// <summary>The seed lists, how many people each holds and which campaigns send it; never the people's identifiers.</summary>
public sealed class SeedListsCommand(SeedListService lists) : IChatCommand
{
    public string Verb => "seedlists";

    public string Usage => "seedlists";

    public string Description => "the seed lists: internal people who receive every send of the campaigns naming them";

    public Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken) =>
        Task.FromResult(ResultMessages.Reply(lists.List(caller.Actor!), found => found.Count == 0
            ? ChatMessage.Plain("No seed lists yet. Create one through the API: POST /api/seed-lists (docs/api.md).")
            : new ChatMessage(
                Counted.Of(found.Count, "seed list"),
                [
                    new Heading("Seed lists"),
                    new BulletList([.. found.Select(l => $"{l.Name}: {Counted.Of(l.Entries.Count, "person")}"
                        + (l.UsedBy.Count == 0 ? ", sent by no campaign" : $", sent by {string.Join(", ", l.UsedBy)}"))]),
                    new Footnote("Seeds go out with every delivery of the campaigns naming them and are never counted as recipients."),
                ])));
}
