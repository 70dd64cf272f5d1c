using CampaignBot.App.Application;
using CampaignBot.Conversations.Cards;
using CampaignBot.App.Segments;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Commands;

/// <summary>"segment new VIP West where lifetime_value > 500 and state in (WA, OR)": saves it and says how big it is.</summary>
public sealed class SegmentNewCommand(SegmentService segments) : IChatCommand
{
    private const string Separator = " where ";

    public string Verb => "segment new";

    public string Usage => "segment new <name> where <filter>";

    public string Description => "save a segment from a filter such as `lifetime_value > 500 and state in (WA, OR)`";

    public async Task<ChatReply> RunAsync(ChatCaller caller, string arguments, CancellationToken cancellationToken)
    {
        var at = (" " + arguments).IndexOf(Separator, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return new ChatReply.Refuse(ResultMessages.Refusal($"Say the segment's name, then `where` and the filter: {caller.Style.Command("segment new VIP West where lifetime_value > 500 and state in (WA, OR)")}."));
        }

        var input = new SegmentInput { Name = arguments[..Math.Max(0, at - 1)].Trim(), Text = arguments[(at + Separator.Length - 1)..].Trim() };
        var created = segments.Create(input, caller.Actor!);
        if (created is not ServiceResult<SegmentView>.Ok { Value: var segment })
        {
            return new ChatReply.Refuse(ResultMessages.Failure(created));
        }

        var insights = await segments.InsightsAsync(segment.Name, caller.Actor!, cancellationToken);
        var size = insights is ServiceResult<SegmentInsightsView>.Ok { Value: var view }
            ? $"It holds {Quantities.Of(view.Insights.Customers, "customer", "customers")} ({view.Insights.ShareOfAllCustomers:P1} of all) today."
            : "Its size could not be counted just now.";
        return new ChatReply.Say(new ChatMessage(
            $"Segment {segment.Name} saved",
            [new Notice($"Segment {segment.Name} saved.", Tone.Success), new Paragraph($"Filter: {segment.Filter}"), new Paragraph(size)]));
    }
}
