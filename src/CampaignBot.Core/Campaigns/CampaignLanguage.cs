using System.Globalization;
using System.Text.RegularExpressions;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Campaigns;

/// <summary>
/// The language a campaign's messages are sent in, as a BCP 47 tag ("en-US", "fr-CA"): named in the summary and sent
/// to destinations that ask for the <see cref="Attribute"/> attribute (a Klaviyo profile property, a file column).
/// </summary>
public sealed partial record CampaignLanguage
{
    public const string Path = "language";

    /// <summary>The attribute name a destination selects to receive the campaign's language.</summary>
    public const string Attribute = "language";

    private CampaignLanguage(string tag, string displayName) => (Tag, DisplayName) = (tag, displayName);

    /// <summary>The tag in its canonical case: language lower, script title, region upper ("zh-Hant-TW").</summary>
    public string Tag { get; }

    /// <summary>"French (Canada)": the tag's English name.</summary>
    public string DisplayName { get; }

    public override string ToString() => Tag;

    /// <summary>The language written, or null when left out or after reporting a bad one.</summary>
    public static CampaignLanguage? Check(string? text, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (Parse(trimmed) is { } language)
        {
            return language;
        }

        problems.Error(Path, trimmed.Length == 0
            ? "Give the language as a BCP 47 tag such as en-US or fr-CA, or leave it out."
            : $"'{trimmed}' is not a language tag; write a BCP 47 tag such as en-US, fr-CA or es.");
        return null;
    }

    /// <summary>A well-formed BCP 47 tag whose language .NET knows; null otherwise.</summary>
    public static CampaignLanguage? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 35 || !WellFormed().IsMatch(text))
        {
            return null;
        }

        var subtags = text.Split('-');
        var canonical = string.Join('-', subtags.Select((s, i) => i == 0 ? s.ToLowerInvariant()
            : s.Length == 4 && char.IsLetter(s[0]) ? char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant()
            : s.Length == 2 ? s.ToUpperInvariant()
            : s.ToLowerInvariant()));
        try
        {
            // Predefined only: with invariant globalization off, an unknown tag would still make a made-up culture.
            var culture = CultureInfo.GetCultureInfo(canonical, predefinedOnly: true);
            return culture.ThreeLetterISOLanguageName is "ivl" ? null : new CampaignLanguage(canonical, culture.EnglishName);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    // RFC 5646 langtag without extensions or grandfathered tags: language (2–3 letters), optional script, region, variants.
    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormed();
}
