using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Files;

namespace CampaignBot.Delivery.Connectors.AmazonS3;

/// <summary>
/// Drops the files into an S3 bucket: Location is "bucket/prefix", Region picks AWS's regional endpoint,
/// and an Endpoint (MinIO, s3rver, a VPC endpoint) is addressed path-style. Credentials: AccessKeyId and
/// SecretAccessKey in the section CredentialsReference names.
/// </summary>
public sealed class AmazonS3Connector : FileDropConnector
{
    private readonly S3ObjectStore _store;

    public AmazonS3Connector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, TimeProvider clock)
        : base(instance, DestinationKind.AmazonS3)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var (bucket, prefix) = FileDestinationRules.SplitLocation(instance.Location);
        _store = new S3ObjectStore(new S3StoreSettings
        {
            Service = instance.Descriptor.DisplayName,
            Scheme = "s3",
            Bucket = bucket,
            Prefix = prefix,
            Endpoint = instance.Endpoint,
            // S3-compatible stores sign with AWS's default region unless told otherwise.
            Region = instance.Region ?? "us-east-1",
            MultipartThresholdBytes = instance.MultipartThresholdBytes,
            CredentialsReference = instance.CredentialsReference ?? "",
            AccessKeyId = InstanceChecks.Credential(instance, credentials, DestinationCredentials.AccessKeyId),
            SecretAccessKey = InstanceChecks.Credential(instance, credentials, DestinationCredentials.SecretAccessKey),
        }, clock);
    }

    public override string Locate(string name) => _store.Locate(name);

    protected override Task<IFileStoreSession> OpenAsync(CancellationToken cancellationToken) => _store.OpenAsync();

    protected override BatchOutcome? Classify(Exception exception) => _store.Classify(exception);
}
