using System.Buffers;
using System.Text;

namespace CampaignBot.Chat.Slack.Protocol;

/// <summary>
/// Turns text as Slack sends it (slash-command text, message and mention events) into what the person typed.
/// Slack escapes &amp;, &lt; and &gt; as entities and wraps people, channels, links and emails in angle brackets
/// (api.slack.com/reference/surfaces/formatting); the parsers decode both here, once, so the conversation core
/// only ever sees plain text. Modal form values are not escaped by Slack and must not come through here.
/// </summary>
public static class SlackMarkup
{
    private static readonly SearchValues<char> SchemeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

    /// <summary>
    /// "show Fish &amp;amp; Chips" → "show Fish &amp; Chips"; &lt;@U123&gt; → "@U123" (the id, so the bot's own
    /// mention can be recognised); &lt;#C123|general&gt; → "#general"; &lt;!here&gt; → "@here";
    /// &lt;mailto:a@b.c|a@b.c&gt; → "a@b.c"; &lt;https://x|label&gt; → "https://x", the link being what a command
    /// argument means, except that an autolinked word (&lt;http://shop.com|shop.com&gt;) stays the word typed.
    /// </summary>
    public static string ToPlainText(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return text ?? "";
        }

        var plain = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var close = text[i] == '<' ? text.IndexOf('>', i + 1) : -1;
            if (close > i && IsWrapper(text.AsSpan(i + 1, close - i - 1)))
            {
                plain.Append(Unwrap(text.Substring(i + 1, close - i - 1)));
                i = close + 1;
            }
            else if (text[i] == '&' && Entity(text.AsSpan(i)) is { } entity)
            {
                plain.Append(entity.Character);
                i += entity.Length;
            }
            else
            {
                plain.Append(text[i++]);
            }
        }

        return plain.ToString();
    }

    /// <summary>Slack wraps only mentions (@, #, !) and links (a URI scheme and ':'); anything else is left as it came.</summary>
    private static bool IsWrapper(ReadOnlySpan<char> inner)
    {
        if (inner.IsEmpty || inner.Contains('<'))
        {
            return inner.IsEmpty;
        }

        if (inner[0] is '@' or '#' or '!')
        {
            return true;
        }

        var colon = inner.IndexOf(':');
        return colon > 0 && char.IsAsciiLetter(inner[0]) && !inner[..colon].ContainsAnyExcept(SchemeCharacters);
    }

    // Only the three entities Slack writes; anything else after '&' is text the person typed.
    private static (char Character, int Length)? Entity(ReadOnlySpan<char> at) =>
        at.StartsWith("&amp;", StringComparison.Ordinal) ? ('&', 5)
        : at.StartsWith("&lt;", StringComparison.Ordinal) ? ('<', 4)
        : at.StartsWith("&gt;", StringComparison.Ordinal) ? ('>', 4)
        : null;

    private static string Unwrap(string inner)
    {
        var bar = inner.IndexOf('|', StringComparison.Ordinal);
        var target = Entities(bar < 0 ? inner : inner[..bar]);
        var label = bar < 0 ? "" : Entities(inner[(bar + 1)..]);
        return target switch
        {
            ['@', .. var user] => "@" + user,
            ['#', .. var channel] => "#" + (label.Length > 0 ? label : channel),
            ['!', .. var special] => Special(special, label),
            _ when target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) => WithoutQuery(target["mailto:".Length..]),
            _ when target.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) => label.Length > 0 ? label : target["tel:".Length..],
            _ when label.Length > 0 && IsAutolink(target, label) => label,
            _ => target,
        };
    }

    /// <summary>&lt;!here&gt;, &lt;!channel&gt;, &lt;!everyone&gt;, &lt;!subteam^S1|@team&gt;, &lt;!date^…|fallback&gt;: the label when given.</summary>
    private static string Special(string special, string label)
    {
        if (label.Length > 0)
        {
            return label;
        }

        var caret = special.IndexOf('^', StringComparison.Ordinal);
        return caret < 0 ? "@" + special : special.StartsWith("subteam^", StringComparison.Ordinal) ? "@" + special[(caret + 1)..] : special[(caret + 1)..];
    }

    // Slack links a typed "shop.com" as <http://shop.com|shop.com>: the label is then exactly what was typed.
    private static bool IsAutolink(string target, string label) =>
        string.Equals(target, "http://" + label, StringComparison.OrdinalIgnoreCase)
        || string.Equals(target, "https://" + label, StringComparison.OrdinalIgnoreCase)
        || string.Equals(target, label, StringComparison.OrdinalIgnoreCase);

    private static string WithoutQuery(string address) => address.IndexOf('?', StringComparison.Ordinal) is var query and >= 0 ? address[..query] : address;

    private static string Entities(string text) =>
        text.Contains('&', StringComparison.Ordinal)
            ? text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal)
            : text;
}
