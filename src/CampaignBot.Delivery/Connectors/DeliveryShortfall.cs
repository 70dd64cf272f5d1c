using System.Globalization;

namespace CampaignBot.Delivery.Connectors;

/// <summary>
/// Compares what a delivery sent with what the destination accepted or reports holding. A few refused rows are
/// normal (bad addresses); more than the tolerance means something is wrong and is a failure of its own class.
/// </summary>
public static class DeliveryShortfall
{
    /// <param name="sent">Rows handed to the destination.</param>
    /// <param name="held">Rows it accepted, or reports holding.</param>
    /// <param name="tolerancePercent">How much may be missing before it is a failure, 0 to 100.</param>
    /// <param name="service">The destination's display name, for the sentence.</param>
    /// <returns>Why the delivery falls short, or null when it is within the tolerance.</returns>
    public static string? Check(long sent, long held, decimal tolerancePercent, string service)
    {
        if (sent <= 0 || held >= sent)
        {
            return null;
        }

        var missing = sent - held;
        var percent = 100m * missing / sent;
        return percent <= tolerancePercent
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"{service} holds {held:N0} of the {sent:N0} rows sent: {missing:N0} ({percent:0.#}%) are missing, more than the {tolerancePercent:0.#}% tolerance.");
    }
}
