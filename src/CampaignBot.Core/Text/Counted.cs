using System.Globalization;
using Humanizer;

namespace CampaignBot.Core.Text;

/// <summary>A number with its noun agreeing, for every message a person reads: "1 row", "2 rows", "10,000 rows", "1.5 points".</summary>
public static class Counted
{
    public static string Of(long count, string noun) => noun.ToQuantity(count, "N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A measure shown with <paramref name="format"/>; the noun agrees with the number as shown, so 0.99996 shown
    /// as "1" reads "1 point", not "1 points".
    /// </summary>
    public static string Of(double amount, string noun, string format)
    {
        var shown = amount.ToString(format, CultureInfo.InvariantCulture);
        return $"{shown} {(shown == "1" ? noun.Singularize(inputIsKnownToBePlural: false) : noun.Pluralize(inputIsKnownToBeSingular: false))}";
    }

    /// <summary>"is" for one, "are" for any other count: "1 of 5 rows is", "2 of 5 rows are".</summary>
    public static string IsOrAre(long count) => count == 1 ? "is" : "are";
}
