using System.Globalization;
using System.Text;

namespace CampaignBot.Chat.Slack;

/// <summary>mrkdwn escaping and limit-respecting truncation.</summary>
public static class SlackMarkup
{
    /// <summary>
    /// Slack treats only &amp;, &lt; and &gt; as control characters; escaping them (ampersand first) also
    /// stops a user value such as "&lt;!channel&gt;" from pinging everyone. Anything else HTML-encoded
    /// would show literally.
    /// </summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Cuts to at most <paramref name="limit"/> UTF-16 units with an ellipsis, never inside a surrogate pair or an escape.</summary>
    public static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        var kept = new StringBuilder(limit);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (kept.Length + element.Length > limit - 1)
            {
                break;
            }

            kept.Append(element);
        }

        var cut = kept.ToString();
        var openEntity = cut.LastIndexOf('&');
        if (openEntity >= 0 && cut.IndexOf(';', openEntity) < 0)
        {
            cut = cut[..openEntity];
        }

        return cut + "…";
    }
}
