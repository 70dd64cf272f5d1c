using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.GoogleCloudStorage;
using CampaignBot.Delivery.Tests.Connectors.AmazonS3;
using CampaignBot.Delivery.Tests.Connectors.Files;

namespace CampaignBot.Delivery.Tests.Connectors.GoogleCloudStorage;

/// <summary>Cloud Storage through its S3-compatible XML API, tested on s3rver (no GCS emulator speaks that API here).</summary>
public sealed class GoogleCloudStorageConnectorTests : S3CompatibleConnectorTests
{
    protected override DestinationKind Kind => DestinationKind.GoogleCloudStorage;

    protected override IReadOnlyDictionary<string, string> Credentials => new Dictionary<string, string>
    {
        [DestinationCredentials.AccessKeyId] = TestServers.S3AccessKeyId,
        [DestinationCredentials.Secret] = TestServers.S3SecretAccessKey,
    };

    protected override IReadOnlyDictionary<string, string> WrongCredentials => new Dictionary<string, string>
    {
        [DestinationCredentials.AccessKeyId] = "GOOGWRONGACCESSID0000000",
        [DestinationCredentials.Secret] = "wrongHmacSecret000000000000000000000000",
    };

    [Fact]
    public void The_factory_gives_a_gcs_destination_the_gcs_connector_addressing_storage_googleapis_com_by_default()
    {
        var connector = Assert.IsType<GoogleCloudStorageConnector>(Create(Instance with { Endpoint = null }));

        Assert.Equal($"gs://{Unique}/{Prefix}/a/b.csv", connector.Locate("a/b.csv"));
        Assert.Equal(GoogleCloudStorageConnector.DefaultEndpoint, connector.Endpoint);
    }

    [Fact]
    public async Task Too_many_requests_is_a_transient_rate_limit()
    {
        var outcome = Assert.IsType<BatchOutcome.Transient>(await OutcomeAgainstAsync(429, "TooManyRequests", new Dictionary<string, string> { ["Retry-After"] = "3" }));

        Assert.Equal((FailureKind.RateLimited, TimeSpan.FromSeconds(3)), (outcome.Kind, outcome.RetryAfter));
    }
}
