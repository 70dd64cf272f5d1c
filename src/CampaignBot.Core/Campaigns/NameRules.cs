using CampaignBot.Core.Text;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Campaigns;

/// <summary>Checks the names people type: present, printable, short enough to become destination list names.</summary>
internal static class NameRules
{
    public const int MaxCampaignName = 80;
    public const int MaxPartName = 60;

    /// <summary>Returns the trimmed name, or null after recording why it cannot be used.</summary>
    public static string? Require(string? value, string path, string what, int maxLength, ProblemList problems)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            problems.Error(path, $"Give {what} a name.");
            return null;
        }

        if (PrintableText.Problem(name) is { } unprintable)
        {
            problems.Error(path, $"The name of {what} contains {unprintable}; remove it.");
            return null;
        }

        if (name.Length > maxLength)
        {
            problems.Error(path,
                $"The name of {what} is {name.Length} characters long; keep it to {maxLength} or fewer, because destinations build list names from it.");
            return null;
        }

        if (!name.Any(char.IsLetterOrDigit))
        {
            problems.Error(path, $"The name of {what} needs at least one letter or digit.");
            return null;
        }

        return name;
    }

    /// <summary>Names compare without case or surrounding spaces: "VIP " and "vip" are the same list downstream.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Lower-cased with spaces, hyphens and underscores removed, so "One-time" matches "onetime".</summary>
    public static string Keyword(string text) =>
        new(text.Where(c => c is not (' ' or '-' or '_')).Select(char.ToLowerInvariant).ToArray());
}
