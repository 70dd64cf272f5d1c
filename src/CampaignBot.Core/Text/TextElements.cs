using System.Globalization;

namespace CampaignBot.Core.Text;

/// <summary>
/// Cuts text only between user-perceived characters (extended grapheme clusters, UAX #29), so an emoji such
/// as 👩‍💻, a flag or a letter with its accents is kept whole or dropped whole, never split into a lone
/// surrogate (shown as U+FFFD, and invalid in JSON) or a dangling joiner.
/// </summary>
public static class TextElements
{
    /// <summary>The longest start of <paramref name="text"/> that ends on a character boundary and has at most <paramref name="maxLength"/> UTF-16 units.</summary>
    public static string Prefix(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        return text.Length <= maxLength ? text : text[..PrefixLength(text, maxLength)];
    }

    /// <summary>
    /// <paramref name="text"/> when it fits in <paramref name="maxLength"/> UTF-16 units; otherwise its longest
    /// whole-character start followed by <paramref name="ellipsis"/>, the two together within the limit.
    /// </summary>
    public static string Truncate(string text, int maxLength, string ellipsis = "…")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(ellipsis);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, ellipsis.Length);
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, PrefixLength(text, maxLength - ellipsis.Length)), ellipsis);
    }

    /// <summary>How many UTF-16 units of <paramref name="text"/> can be kept within <paramref name="maxLength"/> without splitting a character.</summary>
    public static int PrefixLength(ReadOnlySpan<char> text, int maxLength)
    {
        var kept = 0;
        while (kept < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text[kept..]);
            if (kept + next > maxLength)
            {
                break;
            }

            kept += next;
        }

        return kept;
    }
}
