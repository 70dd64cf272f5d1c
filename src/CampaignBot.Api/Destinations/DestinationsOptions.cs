using CampaignBot.Core.Destinations;

namespace CampaignBot.Api.Destinations;

/// <summary>The "Destinations" section: a list of named instances. With none configured, a local "outbox" folder.</summary>
public sealed class DestinationsOptions
{
    public const string Section = "Destinations";

    public List<DestinationSettings> Instances { get; set; } = [];

    public static readonly DestinationSettings DefaultOutbox = new() { Name = "outbox", Kind = nameof(DestinationKind.LocalFolder), Location = "data/outbox" };

    public IReadOnlyList<DestinationSettings> Effective => Instances.Count > 0 ? Instances : [DefaultOutbox];
}

public sealed class DestinationSettings
{
    public string Name { get; set; } = "";

    /// <summary>Klaviyo, Attentive, Listrak, Criteo, TikTokAds, MetaAds, AmazonS3, GoogleCloudStorage, AzureBlobStorage, Sftp or LocalFolder.</summary>
    public string Kind { get; set; } = "";

    public string? CredentialsReference { get; set; }

    public List<string> DefaultAttributes { get; set; } = [];

    public string DefaultSourceTable { get; set; } = "merged_customers";

    public string? Location { get; set; }

    public bool Gzip { get; set; }
}
