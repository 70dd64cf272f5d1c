using System.Globalization;
using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Cards;

/// <summary>
/// Keeps a message card under <see cref="AdaptiveCardLimits.MaxCardBytes"/>: Teams refuses bigger messages (413), so
/// the last plain parts (facts, lists, text) go first and a note says how many, while buttons and inputs stay.
/// </summary>
internal static class CardSize
{
    public static JsonObject Fit(JsonObject card)
    {
        if (AdaptiveCardRenderer.Size(card) <= AdaptiveCardLimits.MaxCardBytes || card["body"] is not JsonArray body)
        {
            return card;
        }

        var dropped = 0;
        var note = CardText.Block("", CardText.Subtle);
        body.Add(note);
        while (AdaptiveCardRenderer.Size(card) > AdaptiveCardLimits.MaxCardBytes && LastPlain(body) is { } index)
        {
            body.RemoveAt(index);
            dropped++;
            note["inlines"]![0]!["text"] = string.Create(CultureInfo.InvariantCulture, $"{dropped} more parts not shown here; see the API for the full detail.");
        }

        return card;
    }

    /// <summary>The last element (before the note) holding no action and no input, and not the first (the heading).</summary>
    private static int? LastPlain(JsonArray body)
    {
        for (var i = body.Count - 2; i > 0; i--)
        {
            if (body[i] is JsonObject element && !Interactive(element))
            {
                return i;
            }
        }

        return null;
    }

    private static bool Interactive(JsonNode? node) => node switch
    {
        JsonObject obj when obj["type"]?.GetValue<string>() is { } type && (type == "ActionSet" || type.StartsWith("Input.", StringComparison.Ordinal)) => true,
        JsonObject obj => obj.Any(p => Interactive(p.Value)),
        JsonArray array => array.Any(Interactive),
        _ => false,
    };
}
