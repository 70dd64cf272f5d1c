namespace CampaignBot.Core.Destinations;

/// <summary>
/// A configured destination that campaigns name ("klaviyo-main", "outbox"): its kind, where secrets
/// come from, and the attributes sent when a campaign does not choose its own.
/// </summary>
public sealed record DestinationInstance
{
    public required string Name { get; init; }

    public required DestinationKind Kind { get; init; }

    /// <summary>The configuration key or environment variable holding the credentials; never the secret itself.</summary>
    public string? CredentialsReference { get; init; }

    public IReadOnlyList<string> DefaultAttributes { get; init; } = [];

    /// <summary>The table attributes come from unless one names another: merged_customers by default.</summary>
    public string DefaultSourceTable { get; init; } = "merged_customers";

    /// <summary>Folder, bucket or remote path for file destinations.</summary>
    public string? Location { get; init; }

    public bool Gzip { get; init; }

    public DestinationDescriptor Descriptor => DestinationCatalog.For(Kind);
}
