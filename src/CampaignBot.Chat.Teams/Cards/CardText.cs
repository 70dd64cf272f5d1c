using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Cards;

/// <summary>
/// Text in our cards. Every text that may hold user input (a campaign name, a reason, a destination error) goes in a
/// RichTextBlock's TextRun, which Adaptive Cards never reads as markdown ("Markdown is not supported", 1.5 schema),
/// so a campaign named "[urgent](https://evil.example)" or "**FREE**" shows exactly as typed. TextBlock, whose text
/// is markdown, is not used; FactSet (markdown too) is not used either: facts are rows of TextRuns.
/// </summary>
internal static class CardText
{
    /// <summary>One paragraph of literal text; <paramref name="style"/> sets size, weight, colour or subtlety.</summary>
    public static JsonObject Block(string text, Action<JsonObject>? style = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = Printable(text) };
        style?.Invoke(run);
        return new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(run) };
    }

    /// <summary>Each non-blank line as its own block: how a line break renders in a TextRun differs between clients.</summary>
    public static IEnumerable<JsonObject> Lines(string text, Action<JsonObject>? style = null) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).Select((line, i) => Tight(Block(line, style), i > 0));

    public static JsonObject Tight(JsonObject element, bool tight = true)
    {
        if (tight)
        {
            element["spacing"] = "None";
        }

        return element;
    }

    public static void Heading(JsonObject run)
    {
        run["size"] = "Large";
        run["weight"] = "Bolder";
    }

    public static void Bold(JsonObject run) => run["weight"] = "Bolder";

    public static void Subtle(JsonObject run)
    {
        run["isSubtle"] = true;
        run["size"] = "Small";
    }

    public static void Attention(JsonObject run) => run["color"] = "Attention";

    public static string Color(Tone tone) => tone switch
    {
        Tone.Success => "Good",
        Tone.Warning => "Warning",
        Tone.Error => "Attention",
        _ => "Accent",
    };

    public static string ContainerStyle(Tone tone) => tone switch
    {
        Tone.Success => "good",
        Tone.Warning => "warning",
        Tone.Error => "attention",
        _ => "emphasis",
    };

    public static string Icon(Tone tone) => tone switch
    {
        Tone.Success => "✅",
        Tone.Warning => "⚠️",
        Tone.Error => "❌",
        _ => "ℹ️",
    };

    /// <summary>An empty run renders as nothing and some clients drop the block; a dash keeps the place.</summary>
    public static string Printable(string text) => string.IsNullOrWhiteSpace(text) ? "-" : text;
}
