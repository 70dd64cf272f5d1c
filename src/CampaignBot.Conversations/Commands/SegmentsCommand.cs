using CampaignBot.Conversations.Cards;
using CampaignBot.App.Segments;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Text;

namespace CampaignBot.Conversations.Commands;

public sealed class SegmentsCommand(SegmentService segments) : IChatCommand
{
    public string Verb => "segments";

    public string Usage => "segments";

    public string Description => "the saved segments and their filters";

    public Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken) =>
        Task.FromResult(ResultMessages.Reply(segments.List(caller.Actor!), list => list.Count == 0
            ? ChatMessage.Plain($"No segments yet. {caller.Style.Command("segment new <name> where <filter>")} saves one.")
            : new ChatMessage(
                Counted.Of(list.Count, "segment"),
                [
                    new Heading("Segments"),
                    new BulletList([.. list.Select(s => $"{s.Name}: {s.Filter}" + (string.IsNullOrEmpty(s.Description) ? "" : $" ({s.Description})"))]),
                    new Footnote($"{caller.Style.Command("segment new <name> where <filter>")} saves another, e.g. where lifetime_value > 500 and state in (WA, OR)."),
                ])));
}
