using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Tests.Cards;

/// <summary>Finding things in rendered cards.</summary>
public static class CardJson
{
    public static IEnumerable<JsonObject> Descendants(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            yield return obj;
            foreach (var (_, child) in obj)
            {
                foreach (var inner in Descendants(child))
                {
                    yield return inner;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var inner in array.SelectMany(Descendants))
            {
                yield return inner;
            }
        }
    }

    public static IEnumerable<JsonObject> OfType(JsonNode card, string type) =>
        Descendants(card).Where(o => o["type"] is JsonValue v && v.TryGetValue<string>(out var t) && t == type);

    public static string Str(JsonNode? node) => node!.GetValue<string>();

    /// <summary>All literal text on the card, in order.</summary>
    public static IReadOnlyList<string> Texts(JsonNode card) => [.. OfType(card, "TextRun").Select(r => Str(r["text"]))];

    public static JsonArray Body(JsonObject card) => (JsonArray)card["body"]!;
}
