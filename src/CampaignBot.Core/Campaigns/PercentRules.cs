using System.Globalization;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Campaigns;

internal static class PercentRules
{
    /// <summary>Reads a percent between 0 and 100 with at most two decimals, or records why it can't.</summary>
    public static Percentage? Read(decimal value, string path, string what, ProblemList problems)
    {
        if (value is < 0 or > 100)
        {
            problems.Error(path, $"{Capitalize(what)} is {value.ToString(CultureInfo.InvariantCulture)}%; a percent must be between 0 and 100.");
            return null;
        }

        if (!Percentage.TryFromPercent(value, out var percentage))
        {
            problems.Error(path, $"{Capitalize(what)} is {value.ToString(CultureInfo.InvariantCulture)}%; use at most two decimals (12.5 or 12.25, not 12.125).");
            return null;
        }

        return percentage;
    }

    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
