using CampaignBot.Core.Destinations;

namespace CampaignBot.App.Destinations;

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

    /// <summary>A folder (LocalFolder), "bucket/prefix" (AmazonS3, GoogleCloudStorage), "container/prefix" (AzureBlobStorage) or the remote folder (Sftp).</summary>
    public string? Location { get; set; }

    public bool Gzip { get; set; }

    /// <summary>The storage service's base URL; defaults: AWS's regional endpoint, https://storage.googleapis.com, https://{account}.blob.core.windows.net.</summary>
    public string? Endpoint { get; set; }

    /// <summary>AmazonS3 (required without Endpoint) and GoogleCloudStorage (signing region, default "auto").</summary>
    public string? Region { get; set; }

    /// <summary>Parts above this many bytes are uploaded in pieces; default 16 MiB.</summary>
    public long? MultipartThresholdBytes { get; set; }

    public string? Host { get; set; }

    public int? Port { get; set; }

    public string? UserName { get; set; }

    /// <summary>The SFTP server's key as <c>ssh-keygen -l -f key.pub</c> prints it: "SHA256:…".</summary>
    public string? HostKeyFingerprint { get; set; }

    /// <summary>Attentive only: "Api" (the Segments API v2, the default when left out) or "Sftp" (the subscriber segment upload).</summary>
    public string? Transport { get; set; }

    /// <summary>Attentive only: the account's client domain ("acme.com"), which starts every segment file's name.</summary>
    public string? ClientDomain { get; set; }
    /// <summary>MetaAds: the ad account ("act_1234567890" or its digits).</summary>
    public string? AccountId { get; set; }

    /// <summary>Klaviyo revision ("2025-10-15") or Meta Graph version ("v21.0").</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Klaviyo and MetaAds: the account's upload rate limit; defaults Klaviyo 10/s and 150/min, Meta 5/s and 200/min.</summary>
    public int? RequestsPerSecond { get; set; }

    public int? RequestsPerMinute { get; set; }

    /// <summary>HTTP destinations: one try ("00:02:00"), all tries of a request ("00:10:00"), first backoff ("00:00:02").</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    public TimeSpan? TotalTimeout { get; set; }

    public TimeSpan? RetryDelay { get; set; }

    /// <summary>Klaviyo: how often an import job is polled ("00:00:02").</summary>
    public TimeSpan? PollInterval { get; set; }
}
