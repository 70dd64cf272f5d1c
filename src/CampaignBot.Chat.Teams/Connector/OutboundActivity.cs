using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Activities;

namespace CampaignBot.Chat.Teams.Connector;

/// <summary>Bodies of the activities the bot sends (T3): a card as an Adaptive Card attachment, or plain text.</summary>
public static class OutboundActivity
{
    /// <param name="card">An AdaptiveCard object from the renderer.</param>
    /// <param name="summary">Shown in notifications and the chat list, where the card cannot be.</param>
    public static JsonObject Card(JsonObject card, string summary) => new()
    {
        ["type"] = "message",
        ["summary"] = summary,
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = TeamsInvokeResponse.CardType,
            ["content"] = card.DeepClone(),
        }),
    };

    /// <summary>Plain text: Teams would read markdown in it, so text meant literally is better sent as a card.</summary>
    public static JsonObject Text(string text) => new()
    {
        ["type"] = "message",
        ["text"] = text,
        ["textFormat"] = "plain",
    };
}
