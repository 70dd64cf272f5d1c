using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CampaignBot.Chat.Teams.Activities;

/// <summary>
/// Teams sends chat text as light HTML: "&lt;p&gt;&lt;at&gt;CampaignBot&lt;/at&gt; show Spring &amp;amp; Summer&lt;/p&gt;". Commands
/// are plain words, so the bot's own mention goes, other tags go (block tags become line breaks), and entities are
/// decoded exactly once: what the person typed as "&amp;lt;b&amp;gt;" stays the text "&lt;b&gt;", never becomes a tag.
/// </summary>
public static partial class TeamsMessageText
{
    public sealed record Normalized(string Text, bool MentionedBot);

    /// <summary>The mention texts (e.g. "&lt;at&gt;CampaignBot&lt;/at&gt;") of entities that mention <paramref name="bot"/>.</summary>
    public static IReadOnlyList<string> BotMentions(JsonArray? entities, TeamsAccount bot)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var mentions = new List<string>();
        foreach (var entity in entities?.OfType<JsonObject>() ?? [])
        {
            if (Str(entity["type"]) == "mention" && Str((entity["mentioned"] as JsonObject)?["id"]) == bot.Id && Str(entity["text"]) is { Length: > 0 } text)
            {
                mentions.Add(text);
            }
        }

        return mentions;
    }

    public static Normalized Normalize(string text, IReadOnlyList<string> botMentions, string? botName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(botMentions);
        var mentioned = false;
        foreach (var mention in botMentions)
        {
            mentioned |= text.Contains(mention, StringComparison.Ordinal);
            text = text.Replace(mention, " ", StringComparison.Ordinal);
        }

        // Some clients send the mention without an entity; the bot's own name in <at> is still the bot.
        if (botName is { Length: > 0 })
        {
            var before = text.Length;
            text = text.Replace($"<at>{botName}</at>", " ", StringComparison.OrdinalIgnoreCase);
            mentioned |= text.Length != before;
        }

        text = BlockTag().Replace(text, "\n");
        text = AnyTag().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        return new Normalized(Tidy(text), mentioned);
    }

    private static string Tidy(string text)
    {
        // Commands are read line by line; the blank lines that block tags leave behind carry nothing.
        var lines = text.Split('\n').Select(line => Spaces().Replace(line, " ").Trim()).Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [GeneratedRegex(@"</?(br|p|div|li)\b[^<>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockTag();

    // Only something that looks like a tag (a letter right after '<' or '</') is removed, so "a < b > c" survives.
    [GeneratedRegex(@"</?[a-zA-Z][^<>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex Spaces();
}
