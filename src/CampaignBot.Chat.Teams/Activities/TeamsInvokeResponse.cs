using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Activities;

/// <summary>
/// Bodies for the HTTP response to an invoke (T4): the HTTP status is always 200 and the body says what happened.
/// A card replaces the card for the person who clicked (everyone else sees it after a PUT update).
/// </summary>
public static class TeamsInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";
    public const string SearchType = "application/vnd.microsoft.search.searchResponse";

    public static JsonObject Card(JsonObject card) => new()
    {
        ["statusCode"] = 200,
        ["type"] = CardType,
        ["value"] = card.DeepClone(),
    };

    /// <summary>A short toast-like text instead of a new card.</summary>
    public static JsonObject Message(string text) => new()
    {
        ["statusCode"] = 200,
        ["type"] = MessageType,
        ["value"] = text,
    };

    /// <param name="statusCode">400 for a bad request, 401 or 403 for someone not allowed, 500 for our own failure.</param>
    public static JsonObject Error(int statusCode, string code, string message) => new()
    {
        ["statusCode"] = statusCode,
        ["type"] = ErrorType,
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    /// <summary>Type-ahead matches for an <c>application/search</c> invoke.</summary>
    public static JsonObject SearchResults(IEnumerable<Choice> matches) => new()
    {
        ["type"] = SearchType,
        ["value"] = new JsonObject
        {
            ["results"] = new JsonArray([.. matches.Select(c => (JsonNode?)new JsonObject { ["title"] = c.Label, ["value"] = c.Value })]),
        },
    };
}
