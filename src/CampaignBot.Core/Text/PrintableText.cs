using System.Buffers;
using System.Globalization;
using System.Text;

namespace CampaignBot.Core.Text;

/// <summary>
/// Decides whether a name people typed can be shown and sent on as it is. Checked per user-perceived character
/// (extended grapheme cluster), so emoji sequences pass: the zero-width joiner in 👩‍💻, variation selectors (❤️,
/// 1️⃣), skin tones (👍🏽) and the tag characters of 🏴󠁧󠁢󠁳󠁣󠁴󠁿 belong to a character with a visible base. Refused are
/// what could hide or disguise text: control characters (tab, line break, NUL), line and paragraph separators,
/// bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069: "Trojan Source" reordering), invisible
/// format characters standing on their own (zero-width space, byte order mark, a joiner with nothing to join),
/// and broken UTF-16 (a lone surrogate).
/// </summary>
public static class PrintableText
{
    private static readonly SearchValues<char> Suspects = SearchValues.Create(Enumerable.Range(0, 0x10000)
        .Select(c => (char)c)
        .Where(c => char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator || IsVariationSelector(c))
        .ToArray());

    /// <summary>What is wrong, as a phrase such as "a text-direction override (U+202E)", or null when the text is fine.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(Suspects) < 0)
        {
            return null;
        }

        for (var at = 0; at < text.Length;)
        {
            var length = StringInfo.GetNextTextElementLength(text.AsSpan(at));
            if (ProblemIn(text.AsSpan(at, length)) is { } problem)
            {
                return problem;
            }

            at += length;
        }

        return null;
    }

    private static string? ProblemIn(ReadOnlySpan<char> character)
    {
        var baseCategory = UnicodeCategory.OtherNotAssigned;
        for (var i = 0; i < character.Length;)
        {
            if (Rune.DecodeFromUtf16(character[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                return $"a broken character (a lone U+{(int)character[i]:X4})";
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (i == 0)
            {
                baseCategory = category;
            }

            if (category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return $"a tab, line break or other control character ({Code(rune)})";
            }

            if (IsBidiControl(rune))
            {
                return $"a text-direction override ({Code(rune)})";
            }

            var invisible = category == UnicodeCategory.Format || IsVariationSelector(rune);
            if (invisible && (i == 0 || !IsVisible(baseCategory)))
            {
                return $"an invisible character ({Code(rune)}) that is not part of a visible one";
            }

            i += consumed;
        }

        return null;
    }

    // Embeddings and overrides U+202A–202E, isolates U+2066–2069.
    private static bool IsBidiControl(Rune rune) => rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;

    private static bool IsVariationSelector(Rune rune) => rune.Value is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF;

    private static bool IsVariationSelector(char c) => c is >= '\uFE00' and <= '\uFE0F';

    // A joiner or selector may follow letters, marks, digits, symbols (emoji) and punctuation (#️⃣), not a space.
    private static bool IsVisible(UnicodeCategory category) => category is not (UnicodeCategory.SpaceSeparator or UnicodeCategory.Format
        or UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned);

    private static string Code(Rune rune) => $"U+{rune.Value:X4}";
}
