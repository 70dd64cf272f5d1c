using PhoneNumbers;

namespace CampaignBot.Core.Destinations.Identifiers;

/// <summary>
/// Phone numbers to E.164 with libphonenumber. Numbers without a country code are read in the
/// customer's country (ISO alpha-2), falling back to the given default region.
/// </summary>
public static class Phones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>"+14155550100" for a valid number, or null when it cannot be a real phone number.</summary>
    public static string? ToE164(string? phone, string? country, string defaultRegion = "US")
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var region = string.IsNullOrWhiteSpace(country) ? defaultRegion : country.Trim().ToUpperInvariant();
        try
        {
            var number = Util.Parse(phone.Trim(), region);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>E.164 digits without the "+" (Meta's form: "14155550100").</summary>
    public static string? ToDigits(string? phone, string? country, string defaultRegion = "US") =>
        ToE164(phone, country, defaultRegion)?[1..];
}
