using System.Globalization;

namespace CampaignBot.Core.Destinations;

/// <summary>
/// A customer value as text, the same everywhere it leaves or enters as a file: dates as YYYY-MM-DD (times ISO 8601),
/// numbers with a decimal point, booleans as true/false, whatever the machine's culture.
/// </summary>
public static class ValueText
{
    public static string? Of(object? value) => value switch
    {
        null => null,
        string text => text,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime instant => instant.ToString("s", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
