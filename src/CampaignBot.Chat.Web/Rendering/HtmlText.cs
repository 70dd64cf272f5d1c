using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CampaignBot.Chat.Web.Rendering;

/// <summary>
/// Text from the conversation core as HTML. Every value is escaped here, so a campaign named
/// <c>&lt;script&gt;</c> shows as text. The core marks command words as code with backticks (the way chat apps
/// read them) and writes links as bare URLs; both are kept, escaped, as code and links.
/// </summary>
internal static partial class HtmlText
{
    /// <summary>Escaped for an element's text or a quoted attribute value.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>Escaped text with `code` spans and http(s) links.</summary>
    public static string Inline(string? text)
    {
        var html = new StringBuilder();
        var parts = (text ?? "").Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts sit between a pair of backticks; an unpaired backtick at the end is shown as typed.
            if (i % 2 == 1 && i < parts.Length - 1)
            {
                html.Append("<code>").Append(Escape(parts[i])).Append("</code>");
                continue;
            }

            html.Append(i % 2 == 1 ? "`" : "").Append(Linked(parts[i]));
        }

        return html.ToString();
    }

    private static string Linked(string text)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match match in Url().Matches(text))
        {
            var url = match.Value.TrimEnd('.', ',', ';', ':', ')', '!', '?');
            html.Append(Escape(text[at..match.Index]));
            html.Append("<a href=\"").Append(Escape(url)).Append("\" rel=\"noreferrer\">").Append(Escape(url)).Append("</a>");
            at = match.Index + url.Length;
        }

        return html.Append(Escape(text[at..])).ToString();
    }

    [GeneratedRegex(@"https?://[^\s<>""'`]+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();
}
