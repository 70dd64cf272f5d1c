using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Tests.Connectors.Files;

namespace CampaignBot.Delivery.Tests.Connectors.AmazonS3;

/// <summary>
/// S3 and GCS connectors against s3rver (the closest real server to both here; see <see cref="TestServers"/>
/// for starting it locally). Each test gets its own bucket; files go below a prefix.
/// </summary>
public abstract class S3CompatibleConnectorTests : RemoteFileConnectorTests
{
    protected const string Prefix = "exports/campaignbot";

    protected AmazonS3Client Client { get; } = new(new BasicAWSCredentials(TestServers.S3AccessKeyId, TestServers.S3SecretAccessKey), new AmazonS3Config
    {
        ServiceURL = TestServers.S3Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    protected abstract DestinationKind Kind { get; }

    protected override DestinationInstance Instance => new()
    {
        Name = "drop", Kind = Kind, Location = $"{Unique}/{Prefix}", Endpoint = TestServers.S3Endpoint, CredentialsReference = "Secrets:Drop",
    };

    protected override DestinationInstance WithMissingBucket(DestinationInstance instance) => instance with { Location = $"missing-{Unique}/{Prefix}" };

    protected override DestinationInstance Unreachable(DestinationInstance instance, int port) => instance with { Endpoint = $"http://127.0.0.1:{port}" };

    public override async Task InitializeAsync() => await Client.PutBucketAsync(Unique);

    public override Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }

    protected override async Task<byte[]?> ReadAsync(string name)
    {
        try
        {
            using var response = await Client.GetObjectAsync(Unique, $"{Prefix}/{name}");
            using var bytes = new MemoryStream();
            await response.ResponseStream.CopyToAsync(bytes);
            return bytes.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    protected override async Task<IReadOnlyList<string>> ListAsync(string folder)
    {
        var listed = await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Unique, Prefix = $"{Prefix}/{folder}/" });
        return (listed.S3Objects ?? []).Select(o => o.Key[(Prefix.Length + folder.Length + 2)..]).ToList();
    }

    /// <summary>Delivers one batch to a loopback server that answers with an S3 error, and returns the outcome.</summary>
    protected async Task<BatchOutcome> OutcomeAgainstAsync(int status, string code, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var server = new LoopbackHttpServer(status, headers ?? new Dictionary<string, string>(),
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>Canned {code}.</Message><RequestId>1</RequestId></Error>");
        var connector = Create(Instance with { Endpoint = server.Url });
        return await connector.DeliverAsync(Batch(Target(connector), 1, 1, 2), CancellationToken.None);
    }

    [Fact]
    public async Task A_server_asking_to_slow_down_is_a_transient_rate_limit_after_its_retry_after()
    {
        var outcome = Assert.IsType<BatchOutcome.Transient>(await OutcomeAgainstAsync(503, "SlowDown", new Dictionary<string, string> { ["Retry-After"] = "7" }));

        Assert.Equal((FailureKind.RateLimited, TimeSpan.FromSeconds(7)), (outcome.Kind, outcome.RetryAfter));
    }

    [Fact]
    public async Task Server_errors_are_a_transient_outage()
    {
        var outcome = Assert.IsType<BatchOutcome.Transient>(await OutcomeAgainstAsync(500, "InternalError"));

        Assert.Equal((FailureKind.ServiceDown, null), (outcome.Kind, outcome.RetryAfter));
    }

    // s3rver checks the access key id but not V4 signatures, so a wrong secret is tried on a canned answer.
    [Fact]
    public async Task A_wrong_secret_is_a_permanent_authentication_failure_naming_the_credentials_setting()
    {
        var outcome = Assert.IsType<BatchOutcome.Permanent>(await OutcomeAgainstAsync(403, "SignatureDoesNotMatch"));

        Assert.Equal(FailureKind.Authentication, outcome.Kind);
        Assert.Contains("Secrets:Drop", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_denied_is_a_permanent_permission_failure()
    {
        var outcome = Assert.IsType<BatchOutcome.Permanent>(await OutcomeAgainstAsync(403, "AccessDenied"));

        Assert.Equal(FailureKind.Permission, outcome.Kind);
        Assert.Contains($"bucket '{Unique}'", outcome.Reason, StringComparison.Ordinal);
    }
}
