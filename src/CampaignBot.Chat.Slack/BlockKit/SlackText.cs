using System.Text;
using CampaignBot.Core.Text;

namespace CampaignBot.Chat.Slack.BlockKit;

/// <summary>Text helpers for mrkdwn and Block Kit text fields.</summary>
public static class SlackText
{
    /// <summary>
    /// Escapes the three characters Slack treats as control characters (S6, api.slack.com formatting#escaping):
    /// &amp; first so the others' entities are not double-escaped. Escaping &lt; and &gt; is also what stops a
    /// user-supplied value from injecting &lt;!channel&gt; or &lt;@U…&gt; mentions. Nothing else is HTML-encoded:
    /// Slack would show "&amp;#39;" literally.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        return new StringBuilder(text).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").ToString();
    }

    /// <summary>
    /// Shortens <paramref name="text"/> to at most <paramref name="maxLength"/> UTF-16 units (Slack counts characters
    /// that way), ending with "…" when cut, and only between whole characters (<see cref="TextElements"/>): an emoji
    /// such as 👩‍💻 is kept or dropped whole, never split into a lone surrogate or a dangling joiner.
    /// </summary>
    public static string Truncate(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (text.Length <= maxLength)
        {
            return text;
        }

        var keep = TextElements.PrefixLength(text, maxLength - 1);

        // Cutting escaped text inside "&amp;" would show a broken entity; drop the partial entity instead.
        var openEntity = keep > 0 ? text.LastIndexOf('&', keep - 1) : -1;
        if (openEntity >= 0 && text.IndexOf(';', openEntity, keep - openEntity) < 0 && keep - openEntity <= 5)
        {
            keep = openEntity;
        }

        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
