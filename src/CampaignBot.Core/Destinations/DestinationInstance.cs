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

    /// <summary>
    /// Where files go: a folder for the local folder, "bucket/prefix" for S3 and GCS, "container/prefix" for
    /// Azure Blob, the remote folder for SFTP.
    /// </summary>
    public string? Location { get; init; }

    public bool Gzip { get; init; }

    /// <summary>The storage service's base URL when not the public cloud's (S3-compatible stores, Azurite, a private endpoint).</summary>
    public string? Endpoint { get; init; }

    /// <summary>The S3 region ("eu-west-1"); for GCS and S3-compatible endpoints only the signing region.</summary>
    public string? Region { get; init; }

    /// <summary>Parts larger than this go up in pieces (S3 and GCS multipart, Azure blocks); null for the default.</summary>
    public long? MultipartThresholdBytes { get; init; }

    /// <summary>The SFTP server's host name or address.</summary>
    public string? Host { get; init; }

    /// <summary>The SFTP port; null for 22.</summary>
    public int? Port { get; init; }

    /// <summary>The SFTP user name.</summary>
    public string? UserName { get; init; }

    /// <summary>The SFTP server's host key as <c>ssh-keygen -l</c> prints it ("SHA256:…"); any other key is refused.</summary>
    public string? HostKeyFingerprint { get; init; }

    /// <summary>How an Attentive destination is reached; null means <see cref="DestinationTransport.Api"/>, the Segments API.</summary>
    public DestinationTransport? Transport { get; init; }

    /// <summary>Attentive's name for the account ("acme.com"), which starts every segment file's name.</summary>
    public string? ClientDomain { get; init; }
    /// <summary>The advertising account: Meta Ads' ("act_1234567890" or its digits), TikTok Ads' advertiser id; an id, not a secret.</summary>
    public string? AccountId { get; init; }

    /// <summary>The API version: Klaviyo's revision date ("2025-10-15"), Meta's Graph version ("v21.0"), TikTok's ("v1.3"); null for the connector's default.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The account's rate limit for uploads, per second and per minute (Klaviyo tiers, Meta, TikTok); null for the service's default.</summary>
    public int? RequestsPerSecond { get; init; }

    public int? RequestsPerMinute { get; init; }

    /// <summary>One HTTP try; null for the connector's default, sized for the largest upload.</summary>
    public TimeSpan? AttemptTimeout { get; init; }

    /// <summary>All tries of one HTTP request, waits included.</summary>
    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>The first backoff between retries when the service does not say how long to wait.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>How often an asynchronous import job (Klaviyo) is asked whether it has finished.</summary>
    public TimeSpan? PollInterval { get; init; }

    public DestinationDescriptor Descriptor => DestinationCatalog.For(Kind);

    /// <summary>Whether the destination is reached over SFTP: the SFTP kind, or Attentive with Transport Sftp.</summary>
    public bool UsesSftp => Kind == DestinationKind.Sftp || (Kind == DestinationKind.Attentive && Transport == DestinationTransport.Sftp);

    /// <summary>
    /// The most rows one batch may hold: the descriptor's limit (the API's call size), except Attentive over SFTP,
    /// where a batch is one segment file and Attentive takes up to 500,000 rows per file.
    /// </summary>
    public int BatchLimit => Kind == DestinationKind.Attentive && Transport == DestinationTransport.Sftp ? AttentiveRowsPerFile : Descriptor.BatchLimit;

    /// <summary>Attentive's limit per subscriber segment file.</summary>
    public const int AttentiveRowsPerFile = 500_000;
}
