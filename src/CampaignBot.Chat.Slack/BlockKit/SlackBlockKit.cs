using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Slack.BlockKit;

/// <summary>
/// Renders the neutral message model as Block Kit. Pure: the same message always gives the same JSON.
/// Every user value is escaped and every text cut to Slack's limits here, so nothing the app sends can
/// break a limit or inject a mention.
/// </summary>
public static class SlackBlockKit
{
    public const int MaxMessageBlocks = 50;

    /// <summary>A <c>chat.postMessage</c> / <c>chat.update</c> / <c>response_url</c> body without channel or ts.</summary>
    public static JsonObject Message(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var blocks = new JsonArray();
        foreach (var block in message.Blocks.SelectMany(SlackBlocks.Render))
        {
            blocks.Add(block);
        }

        if (blocks.Count > MaxMessageBlocks)
        {
            // Keep the first 49 and say what was left out, rather than have Slack refuse the whole message.
            var hidden = blocks.Count - (MaxMessageBlocks - 1);
            while (blocks.Count > MaxMessageBlocks - 1)
            {
                blocks.RemoveAt(blocks.Count - 1);
            }

            blocks.Add(SlackBlocks.Context($"{hidden} more parts not shown here; see the API for the full detail."));
        }

        // Text is the notification and accessibility fallback; Slack wants it whenever blocks are sent.
        return new JsonObject
        {
            ["text"] = SlackBlocks.Fit(SlackText.Escape(message.Summary), 3000),
            ["blocks"] = blocks,
        };
    }

    /// <summary>A modal view for <c>views.open</c> / <c>views.update</c> or a <c>response_action: update</c>.</summary>
    public static JsonObject Modal(ChatForm form) => SlackModal.Render(form);

    /// <summary>One menu option, as a <c>block_suggestion</c> answer lists them.</summary>
    public static JsonObject Option(Choice choice) => SlackBlocks.Option(choice);
}
