using System.Net;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Files;

namespace CampaignBot.Delivery.Connectors.AzureBlob;

/// <summary>
/// Drops the files into an Azure Blob Storage container as block blobs: Location is "container/prefix".
/// Credentials: a ConnectionString, or AccountName and AccountKey with Endpoint (default
/// https://{account}.blob.core.windows.net; Azurite's is http://127.0.0.1:10000/devstoreaccount1).
/// Staged blocks stay invisible until the block list commits, so a reader never sees half a part.
/// </summary>
public sealed class AzureBlobConnector : FileDropConnector
{
    public const string DefaultEndpointTemplate = "https://{account}.blob.core.windows.net";
    private const long DefaultBlockSize = 8L << 20;

    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private readonly long _threshold;
    private readonly TimeProvider _clock;

    public AzureBlobConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, TimeProvider clock)
        : base(instance, DestinationKind.AzureBlobStorage)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _clock = clock;
        _threshold = instance.MultipartThresholdBytes ?? AmazonS3.S3ObjectStore.DefaultMultipartThreshold;
        var options = new BlobClientOptions();
        // The run pipeline retries failed batches with its own back-off; the SDK only smooths over blips.
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.NetworkTimeout = TimeSpan.FromMinutes(5);
        var service = credentials.TryGetValue(DestinationCredentials.ConnectionString, out var connectionString) && !string.IsNullOrWhiteSpace(connectionString)
            ? new BlobServiceClient(connectionString, options)
            : SharedKeyClient(instance, credentials, options);
        var (container, prefix) = FileDestinationRules.SplitLocation(instance.Location);
        _container = service.GetBlobContainerClient(container);
        _prefix = prefix;
    }

    // Without the query: a client made from a SAS connection string carries its signature there, a credential.
    public override string Locate(string name) => $"{_container.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/')}/{KeyOf(name)}";

    protected override Task<IFileStoreSession> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IFileStoreSession>(new Session(this));

    /// <summary>Azure's error codes (https://learn.microsoft.com/rest/api/storageservices/blob-service-error-codes) in the classes on-call staff act on.</summary>
    protected override BatchOutcome? Classify(Exception exception)
    {
        if (exception is not RequestFailedException { Status: not 0 } error)
        {
            return null;
        }

        var code = error.ErrorCode ?? ((HttpStatusCode)error.Status).ToString();
        var container = _container.Name;
        var reference = Instance.CredentialsReference;
        // Azurite answers a bad key with AuthorizationFailure where Azure says AuthenticationFailed; both say "failed to authenticate".
        var authentication = code is "AuthenticationFailed" or "InvalidAuthenticationInfo" || error.Status == 401
            || error.Message.Contains("failed to authenticate", StringComparison.OrdinalIgnoreCase);
        return code switch
        {
            _ when authentication =>
                new BatchOutcome.Permanent($"Azure Blob Storage refused the credentials in {reference} ({code}); check the account key or connection string.", FailureKind.Authentication),
            "AuthorizationFailure" or "AuthorizationPermissionMismatch" or "AuthorizationSourceIPMismatch" or "AuthorizationProtocolMismatch"
                or "InsufficientAccountPermissions" or "AccountIsDisabled" or "BlobAccessTierNotSupportedForAccountType" =>
                new BatchOutcome.Permanent($"Azure Blob Storage denied writing to container '{container}' ({code}); the credentials in {reference} need write access there.", FailureKind.Permission),
            "ContainerNotFound" or "InvalidResourceName" or "ResourceNotFound" or "AccountNotFound" =>
                new BatchOutcome.Permanent($"The container '{container}' does not exist at {_container.AccountName} ({code}); check Location, or create the container.", FailureKind.Configuration),
            "ServerBusy" or "TooManyRequests" =>
                new BatchOutcome.Transient($"Azure Blob Storage asked to slow down ({code}).", RetryAfterOf(error), FailureKind.RateLimited),
            _ when error.Status == 429 =>
                new BatchOutcome.Transient($"Azure Blob Storage asked to slow down ({code}).", RetryAfterOf(error), FailureKind.RateLimited),
            _ when error.Status >= 500 || code is "OperationTimedOut" =>
                new BatchOutcome.Transient($"Azure Blob Storage failed to take the upload ({code}).", RetryAfterOf(error), FailureKind.ServiceDown),
            _ => new BatchOutcome.Permanent($"Azure Blob Storage refused the upload to container '{container}' ({code}).", FailureKind.Configuration),
        };
    }

    private static BlobServiceClient SharedKeyClient(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, BlobClientOptions options)
    {
        var account = InstanceChecks.Credential(instance, credentials, DestinationCredentials.AccountName);
        var endpoint = instance.Endpoint ?? DefaultEndpointTemplate.Replace("{account}", account, StringComparison.Ordinal);
        return new BlobServiceClient(new Uri(endpoint), new StorageSharedKeyCredential(account, InstanceChecks.Credential(instance, credentials, DestinationCredentials.AccountKey)), options);
    }

    private TimeSpan? RetryAfterOf(RequestFailedException error) =>
        error.GetRawResponse() is { } response && response.Headers.TryGetValue("Retry-After", out var header) ? RetryAfter.Parse(header, _clock) : null;

    private string KeyOf(string name) => _prefix.Length == 0 ? name : $"{_prefix}/{name}";

    private static string ContentTypeOf(string key) =>
        key.EndsWith(".gz", StringComparison.Ordinal) ? "application/gzip" : key.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv";

    private sealed class Session(AzureBlobConnector connector) : IFileStoreSession
    {
        public async Task UploadAsync(string name, string localFile, CancellationToken cancellationToken)
        {
            var key = connector.KeyOf(name);
            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(key) },
                // Above the threshold the file goes up as staged blocks, committed at the end (Azure's multipart).
                TransferOptions = new StorageTransferOptions
                {
                    InitialTransferSize = connector._threshold,
                    MaximumTransferSize = Math.Min(DefaultBlockSize, Math.Max(1L << 20, connector._threshold)),
                    MaximumConcurrency = 4,
                },
            };
            await connector._container.GetBlobClient(key).UploadAsync(localFile, options, cancellationToken).ConfigureAwait(false);
        }

        public async Task<long?> SizeOfAsync(string name, CancellationToken cancellationToken)
        {
            try
            {
                var properties = await connector._container.GetBlobClient(connector.KeyOf(name)).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                return properties.Value.ContentLength;
            }
            catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode != "ContainerNotFound")
            {
                return null;
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
