using CampaignBot.Conversations;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Replies;

/// <summary>A message as lines of plain text, for the one Teams answer that cannot be a card (an invoke's message response).</summary>
internal static class PlainText
{
    public static string Of(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = message.Blocks.SelectMany(Lines).Where(l => l.Length > 0).ToList();
        return lines.Count > 0 ? string.Join('\n', lines) : message.Summary;
    }

    /// <summary>The message an answer carries, or null for forms and field errors.</summary>
    public static ChatMessage? MessageOf(ChatReply reply) => reply switch
    {
        ChatReply.Say say => say.Message,
        ChatReply.Refuse refuse => refuse.Message,
        ChatReply.Replace replace => replace.Message,
        ChatReply.Close close => close.Message,
        _ => null,
    };

    /// <summary>The form an answer opens or moves to, or null.</summary>
    public static ChatForm? FormOf(ChatReply reply) => reply switch
    {
        ChatReply.Open open => open.Form,
        ChatReply.Next next => next.Form,
        _ => null,
    };

    private static IEnumerable<string> Lines(ChatBlock block) => block switch
    {
        Heading heading => [heading.Text],
        Paragraph paragraph => [paragraph.Text],
        Notice notice => [notice.Text],
        FactList facts => facts.Facts.Select(f => $"{f.Label}: {f.Value}"),
        BulletList bullets => bullets.Items.Select(i => $"• {i}"),
        Footnote footnote => [footnote.Text],
        _ => [],
    };
}
