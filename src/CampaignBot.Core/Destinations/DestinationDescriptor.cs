namespace CampaignBot.Core.Destinations;

/// <summary>
/// What a destination kind accepts, so a campaign can be refused before anything is sent. Attribute
/// names are our column names (customer_360 / merged_customers).
/// </summary>
public sealed record DestinationDescriptor
{
    public required DestinationKind Kind { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>Attributes every row must carry.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>Exactly one of these must be chosen, never several (Attentive: email or phone).</summary>
    public IReadOnlyList<string> ExactlyOneOf { get; init; } = [];

    /// <summary>Further attributes it accepts; null accepts any column.</summary>
    public IReadOnlyList<string>? Optional { get; init; } = [];

    /// <summary>Our column → the destination's field name, where they differ.</summary>
    public IReadOnlyDictionary<string, string> FieldNames { get; init; } = new Dictionary<string, string>();

    public IdentifierHashing Hashing { get; init; } = IdentifierHashing.None;

    public PhoneStyle Phone { get; init; } = PhoneStyle.E164;

    public EmailStyle Email { get; init; } = EmailStyle.Standard;

    /// <summary>Rows per API call (or per file part for file destinations).</summary>
    public required int BatchLimit { get; init; }

    /// <summary>The longest list or file name the destination takes.</summary>
    public required int NameLimit { get; init; }

    public bool IsFile { get; init; }

    /// <summary>Whether every attribute not listed is refused; false lets extra columns through as profile properties.</summary>
    public bool Accepts(string attribute) =>
        Optional is null || Required.Contains(attribute) || ExactlyOneOf.Contains(attribute) || Optional.Contains(attribute);

    /// <summary>The attributes it names, for messages ("Criteo accepts only email").</summary>
    public IEnumerable<string> Known => Required.Concat(ExactlyOneOf).Concat(Optional ?? []);
}

public enum IdentifierHashing
{
    None,
    Sha256,
}

public enum PhoneStyle
{
    /// <summary>"+14155550100".</summary>
    E164,

    /// <summary>"14155550100" (Meta).</summary>
    DigitsOnly,
}

public enum EmailStyle
{
    Standard,

    /// <summary>Also drops "+tag" and dots in the local part.</summary>
    TikTok,
}
