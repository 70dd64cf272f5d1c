using CampaignBot.Core.Campaigns;

namespace CampaignBot.Core.Seeds;

/// <summary>
/// One internal person on a seed list, with the identifiers destinations need, already normalized (a lower-case email,
/// an E.164 phone). The run shapes the entry like a customer row, so each destination gets the fields it asks for.
/// </summary>
public sealed record SeedEntry
{
    /// <summary>Who this is, for the people reading the list ("Dana, marketing director"); never sent.</summary>
    public string Name { get; init; } = "";

    public string? Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>The id a destination knows the person by; sent where a destination asks for customer_id.</summary>
    public string? ExternalId { get; init; }

    /// <summary>ISO alpha-2, for reading a national phone number.</summary>
    public string? Country { get; init; }

    /// <summary>The entry's value of a delivery attribute, in the order a customer row would carry it; null when it has none.</summary>
    public object? ValueOf(string attribute, CampaignLanguage? language) => attribute.Trim().ToLowerInvariant() switch
    {
        "email" => Email,
        "phone" => Phone,
        "customer_id" => ExternalId,
        "country" => Country,
        CampaignLanguage.Attribute => language?.Tag,
        _ => null,
    };
}

/// <summary>A seed list entry as written (REST JSON); checked by <see cref="SeedEntryRules"/>.</summary>
public sealed record SeedEntryInput
{
    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? ExternalId { get; init; }

    public string? Country { get; init; }
}
