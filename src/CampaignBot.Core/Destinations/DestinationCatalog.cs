namespace CampaignBot.Core.Destinations;

/// <summary>The destination kinds and their rules (seed documents and reference/destinations.md).</summary>
public static class DestinationCatalog
{
    private static readonly string[] ProfileFields = ["phone", "given_name", "surname", "city", "state", "postal_code", "country"];

    public static IReadOnlyList<DestinationDescriptor> All { get; } =
    [
        new()
        {
            Kind = DestinationKind.Klaviyo, DisplayName = "Klaviyo", Required = ["email"], Optional = null,
            FieldNames = new Dictionary<string, string> { ["phone"] = "phone_number", ["given_name"] = "first_name", ["surname"] = "last_name", ["customer_id"] = "external_id" },
            BatchLimit = 10_000, NameLimit = 255,
        },
        new()
        {
            Kind = DestinationKind.Attentive, DisplayName = "Attentive", ExactlyOneOf = ["email", "phone"], Optional = ["customer_id"],
            FieldNames = new Dictionary<string, string> { ["customer_id"] = "clientUserId" },
            BatchLimit = 10_000, NameLimit = 100,
        },
        new()
        {
            Kind = DestinationKind.Listrak, DisplayName = "Listrak", Required = ["email"], Optional = null,
            FieldNames = new Dictionary<string, string> { ["email"] = "EmailAddress" },
            BatchLimit = 100_000, NameLimit = 100,
        },
        new()
        {
            Kind = DestinationKind.Criteo, DisplayName = "Criteo", Required = ["email"], Optional = [],
            Hashing = IdentifierHashing.Sha256, BatchLimit = 50_000, NameLimit = 255,
        },
        new()
        {
            Kind = DestinationKind.TikTokAds, DisplayName = "TikTok Ads", Required = ["email", "phone"], Optional = ["idfa", "aaid"],
            FieldNames = new Dictionary<string, string> { ["email"] = "EMAIL_SHA256", ["phone"] = "PHONE_SHA256", ["idfa"] = "IDFA_SHA256", ["aaid"] = "GAID_SHA256" },
            Hashing = IdentifierHashing.Sha256, Email = EmailStyle.TikTok, BatchLimit = 10_000, NameLimit = 128,
        },
        new()
        {
            Kind = DestinationKind.MetaAds, DisplayName = "Meta Ads", Required = [],
            Optional = ["email", "phone", "given_name", "surname", "postal_code", "city", "state", "country", "birthdate", "gender", "idfa", "aaid", "customer_id"],
            FieldNames = new Dictionary<string, string>
            {
                ["email"] = "EMAIL", ["phone"] = "PHONE", ["given_name"] = "FN", ["surname"] = "LN", ["postal_code"] = "ZIP", ["city"] = "CT",
                ["state"] = "ST", ["country"] = "COUNTRY", ["birthdate"] = "DOBY", ["gender"] = "GEN", ["idfa"] = "MADID", ["aaid"] = "MADID",
                ["customer_id"] = "EXTERN_ID",
            },
            Hashing = IdentifierHashing.Sha256, Phone = PhoneStyle.DigitsOnly, BatchLimit = 10_000, NameLimit = 200,
        },
        File(DestinationKind.AmazonS3, "Amazon S3"),
        File(DestinationKind.GoogleCloudStorage, "Google Cloud Storage"),
        File(DestinationKind.AzureBlobStorage, "Azure Blob Storage"),
        File(DestinationKind.Sftp, "SFTP"),
        File(DestinationKind.LocalFolder, "Local folder"),
    ];

    public static DestinationDescriptor For(DestinationKind kind) => All.First(d => d.Kind == kind);

    /// <summary>Profile fields the email platforms map to their own names; other columns go as custom properties.</summary>
    public static IReadOnlyList<string> StandardProfileFields => ProfileFields;

    private static DestinationDescriptor File(DestinationKind kind, string name) => new()
    {
        Kind = kind, DisplayName = name, Optional = null, IsFile = true, BatchLimit = 1_000_000, NameLimit = 200,
    };
}
