using System.Globalization;

namespace CampaignBot.Conversations.Cards;

/// <summary>Counts as people say them: "950", "35,184", "1.2 million".</summary>
public static class Quantities
{
    public static string Of(long count) => Math.Abs(count) switch
    {
        < 100_000 => count.ToString("N0", CultureInfo.InvariantCulture),
        < 1_000_000 => Scaled(count, 1_000, "thousand"),
        < 1_000_000_000 => Scaled(count, 1_000_000, "million"),
        _ => Scaled(count, 1_000_000_000, "billion"),
    };

    /// <summary>"1 customer", "2 customers", with the count humanized.</summary>
    public static string Of(long count, string singular, string plural) => $"{Of(count)} {(count == 1 ? singular : plural)}";

    private static string Scaled(long count, long unit, string word) =>
        $"{(count / (double)unit).ToString("0.#", CultureInfo.InvariantCulture)} {word}";
}
