using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.AmazonS3;
using CampaignBot.Delivery.Connectors.Files;

namespace CampaignBot.Delivery.Connectors.GoogleCloudStorage;

/// <summary>
/// Drops the files into a Cloud Storage bucket through its S3-compatible XML API with HMAC keys
/// (https://cloud.google.com/storage/docs/interoperability): the .NET Cloud Storage SDK is not available to
/// this project. Location is "bucket/prefix"; Endpoint defaults to https://storage.googleapis.com.
/// Credentials: the HMAC key's AccessKeyId and Secret in the section CredentialsReference names.
/// </summary>
public sealed class GoogleCloudStorageConnector : FileDropConnector
{
    public const string DefaultEndpoint = "https://storage.googleapis.com";

    private readonly S3ObjectStore _store;

    public GoogleCloudStorageConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, TimeProvider clock)
        : base(instance, DestinationKind.GoogleCloudStorage)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var (bucket, prefix) = FileDestinationRules.SplitLocation(instance.Location);
        _store = new S3ObjectStore(new S3StoreSettings
        {
            Service = instance.Descriptor.DisplayName,
            Scheme = "gs",
            Bucket = bucket,
            Prefix = prefix,
            Endpoint = instance.Endpoint ?? DefaultEndpoint,
            // Cloud Storage ignores the signing region; "auto" is what its interoperability guide uses.
            Region = instance.Region ?? "auto",
            MultipartThresholdBytes = instance.MultipartThresholdBytes,
            CredentialsReference = instance.CredentialsReference ?? "",
            AccessKeyId = InstanceChecks.Credential(instance, credentials, DestinationCredentials.AccessKeyId),
            SecretAccessKey = InstanceChecks.Credential(instance, credentials, DestinationCredentials.Secret),
        }, clock);
    }

    /// <summary>The XML API's base URL the connector talks to.</summary>
    public string Endpoint => _store.Settings.Endpoint ?? DefaultEndpoint;

    public override string Locate(string name) => _store.Locate(name);

    protected override Task<IFileStoreSession> OpenAsync(CancellationToken cancellationToken) => _store.OpenAsync();

    protected override BatchOutcome? Classify(Exception exception) => _store.Classify(exception);
}
