using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Model;
using CampaignBot.Delivery.Connectors.Files;

namespace CampaignBot.Delivery.Connectors.AmazonS3;

/// <summary>
/// A bucket and prefix behind the S3 API: Amazon S3 itself, and Google Cloud Storage's XML API with HMAC keys.
/// Uploads never use aws-chunked encoding or flexible checksums: S3-compatible stores (GCS, s3rver) reject or
/// corrupt them, and the SigV4 payload hash plus the manifest's SHA-256 already cover integrity. That is also
/// why multipart is done here with the low-level calls: TransferUtility cannot turn chunked encoding off.
/// </summary>
internal sealed class S3ObjectStore
{
    public const long DefaultMultipartThreshold = 16L << 20;
    private const long MinPartSize = 5L << 20;
    private const long DefaultPartSize = 8L << 20;
    private const int MaxParts = 10_000;

    private readonly AmazonS3Config _config;
    private readonly BasicAWSCredentials _credentials;
    private readonly TimeProvider _clock;
    private readonly long _threshold;

    public S3ObjectStore(S3StoreSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _clock = clock;
        _credentials = new BasicAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey);
        _threshold = settings.MultipartThresholdBytes ?? DefaultMultipartThreshold;
        _config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // The run pipeline retries failed batches with its own back-off; the SDK only smooths over blips.
            MaxErrorRetry = 2,
            ConnectTimeout = TimeSpan.FromSeconds(15),
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (settings.Endpoint is null)
        {
            _config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        }
        else
        {
            _config.ServiceURL = settings.Endpoint;
            _config.ForcePathStyle = true;
            _config.AuthenticationRegion = settings.Region;
        }
    }

    public S3StoreSettings Settings { get; }

    /// <summary>The SDK configuration the store's clients use.</summary>
    internal AmazonS3Config Config => _config;

    public string Locate(string name) => $"{Settings.Scheme}://{Settings.Bucket}/{KeyOf(name)}";

    public Task<IFileStoreSession> OpenAsync() => Task.FromResult<IFileStoreSession>(new Session(this, new AmazonS3Client(_credentials, _config)));

    /// <summary>Uploads a file in one PUT, or in parts above the multipart threshold; returns how many parts (1 for a single PUT).</summary>
    internal async Task<int> UploadAsync(IAmazonS3 client, string key, string localFile, CancellationToken cancellationToken)
    {
        var size = new FileInfo(localFile).Length;
        if (size <= _threshold)
        {
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = Settings.Bucket, Key = key, FilePath = localFile, ContentType = ContentTypeOf(key), UseChunkEncoding = false,
            }, cancellationToken).ConfigureAwait(false);
            return 1;
        }

        var partSize = Math.Max(Math.Max(MinPartSize, Math.Min(DefaultPartSize, _threshold)), (size + MaxParts - 1) / MaxParts);
        var upload = await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = Settings.Bucket, Key = key, ContentType = ContentTypeOf(key),
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            var parts = new List<PartETag>();
            for (long position = 0; position < size; position += partSize)
            {
                var number = parts.Count + 1;
                var part = await client.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = Settings.Bucket, Key = key, UploadId = upload.UploadId, PartNumber = number,
                    FilePath = localFile, FilePosition = position, PartSize = Math.Min(partSize, size - position), UseChunkEncoding = false,
                }, cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(number, part.ETag));
            }

            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = Settings.Bucket, Key = key, UploadId = upload.UploadId, PartETags = parts,
            }, CancellationToken.None).ConfigureAwait(false);
            return parts.Count;
        }
        catch (Exception failure)
        {
            // Unfinished parts are invisible but billed, so abort; the upload's own failure is the one to report,
            // and a failed abort travels with it (a bucket lifecycle rule removes such leftovers).
            try
            {
                await client.AbortMultipartUploadAsync(Settings.Bucket, key, upload.UploadId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception abort) when (abort is AmazonServiceException or AmazonClientException)
            {
                failure.Data["MultipartAbortFailed"] = abort.Message;
            }

            throw;
        }
    }

    /// <summary>The S3 error codes in the classes on-call staff act on; see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html.</summary>
    public BatchOutcome? Classify(Exception exception)
    {
        if (exception is not AmazonServiceException { StatusCode: not 0 } error)
        {
            return null;
        }

        var code = error.ErrorCode ?? error.StatusCode.ToString();
        var service = Settings.Service;
        var bucket = Settings.Bucket;
        return code switch
        {
            "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "ExpiredToken" or "InvalidSecurity" or "MissingSecurityHeader" =>
                new BatchOutcome.Permanent($"{service} refused the credentials in {Settings.CredentialsReference} ({code}); check the access key id and secret.", FailureKind.Authentication),
            "AccessDenied" or "AllAccessDisabled" or "AccountProblem" or "InvalidObjectState" =>
                new BatchOutcome.Permanent($"{service} denied writing to bucket '{bucket}' ({code}); the credentials in {Settings.CredentialsReference} need permission to write objects there.", FailureKind.Permission),
            "NoSuchBucket" or "InvalidBucketName" =>
                new BatchOutcome.Permanent($"The bucket '{bucket}' does not exist at {service} ({code}); check Location, or create the bucket.", FailureKind.Configuration),
            "PermanentRedirect" or "AuthorizationHeaderMalformed" or "IllegalLocationConstraintException" =>
                new BatchOutcome.Permanent($"The bucket '{bucket}' is not in the configured region ({code}); check Region and Endpoint.", FailureKind.Configuration),
            "SlowDown" or "TooManyRequests" or "Throttling" or "RequestLimitExceeded" or "ThrottlingException" =>
                new BatchOutcome.Transient($"{service} asked to slow down ({code}).", RetryAfterOf(error), FailureKind.RateLimited),
            "RequestTimeout" or "RequestTimeTooSkewed" or "InternalError" or "ServiceUnavailable" =>
                new BatchOutcome.Transient($"{service} failed to take the upload ({code}).", RetryAfterOf(error), FailureKind.ServiceDown),
            _ => error.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new BatchOutcome.Permanent($"{service} refused the credentials in {Settings.CredentialsReference} ({code}).", FailureKind.Authentication),
                HttpStatusCode.Forbidden => new BatchOutcome.Permanent($"{service} denied writing to bucket '{bucket}' ({code}).", FailureKind.Permission),
                HttpStatusCode.TooManyRequests => new BatchOutcome.Transient($"{service} asked to slow down ({code}).", RetryAfterOf(error), FailureKind.RateLimited),
                >= HttpStatusCode.InternalServerError => new BatchOutcome.Transient($"{service} answered with a server error ({code}).", RetryAfterOf(error), FailureKind.ServiceDown),
                _ => new BatchOutcome.Permanent($"{service} refused the upload to bucket '{bucket}' ({code}: {error.Message})", FailureKind.Configuration),
            },
        };
    }

    private TimeSpan? RetryAfterOf(AmazonServiceException error) =>
        error.InnerException is HttpErrorResponseException { Response: { } response } ? RetryAfter.Parse(response.GetHeaderValue("Retry-After"), _clock) : null;

    private string KeyOf(string name) => Settings.Prefix.Length == 0 ? name : $"{Settings.Prefix}/{name}";

    private static string ContentTypeOf(string key) =>
        key.EndsWith(".gz", StringComparison.Ordinal) ? "application/gzip" : key.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv";

    private sealed class Session(S3ObjectStore store, AmazonS3Client client) : IFileStoreSession
    {
        public Task UploadAsync(string name, string localFile, CancellationToken cancellationToken) =>
            store.UploadAsync(client, store.KeyOf(name), localFile, cancellationToken);

        public async Task<long?> SizeOfAsync(string name, CancellationToken cancellationToken)
        {
            try
            {
                var metadata = await client.GetObjectMetadataAsync(store.Settings.Bucket, store.KeyOf(name), cancellationToken).ConfigureAwait(false);
                return metadata.ContentLength;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        }

        public ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Where and how an <see cref="S3ObjectStore"/> connects; built by the S3 and GCS connectors from the destination's settings.</summary>
internal sealed record S3StoreSettings
{
    /// <summary>"Amazon S3" or "Google Cloud Storage", for messages.</summary>
    public required string Service { get; init; }

    /// <summary>"s3" or "gs", for locations.</summary>
    public required string Scheme { get; init; }

    public required string Bucket { get; init; }

    public required string Prefix { get; init; }

    /// <summary>The base URL; null for AWS's regional endpoint.</summary>
    public string? Endpoint { get; init; }

    public required string Region { get; init; }

    public long? MultipartThresholdBytes { get; init; }

    public required string CredentialsReference { get; init; }

    public required string AccessKeyId { get; init; }

    public required string SecretAccessKey { get; init; }

    // A record would print the secret; this one says only whose it is.
    public override string ToString() => $"{Service} bucket {Bucket} ({CredentialsReference})";
}
