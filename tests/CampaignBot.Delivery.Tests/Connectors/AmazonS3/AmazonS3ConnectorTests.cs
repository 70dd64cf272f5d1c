using System.Security.Cryptography;
using Amazon.Runtime;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.AmazonS3;
using CampaignBot.Delivery.Connectors.Files;
using CampaignBot.Delivery.Tests.Connectors.Files;

namespace CampaignBot.Delivery.Tests.Connectors.AmazonS3;

public sealed class AmazonS3ConnectorTests : S3CompatibleConnectorTests
{
    protected override DestinationKind Kind => DestinationKind.AmazonS3;

    protected override IReadOnlyDictionary<string, string> Credentials => new Dictionary<string, string>
    {
        [DestinationCredentials.AccessKeyId] = TestServers.S3AccessKeyId,
        [DestinationCredentials.SecretAccessKey] = TestServers.S3SecretAccessKey,
    };

    protected override IReadOnlyDictionary<string, string> WrongCredentials => new Dictionary<string, string>
    {
        [DestinationCredentials.AccessKeyId] = "AKIAWRONGKEYID000000",
        [DestinationCredentials.SecretAccessKey] = "wrongSecretAccessKey/0000000000000000000",
    };

    [Fact]
    public void The_factory_gives_an_s3_destination_the_s3_connector_locating_files_in_bucket_and_prefix()
    {
        var connector = Assert.IsType<AmazonS3Connector>(Create(Instance));

        Assert.Equal($"s3://{Unique}/{Prefix}/spring-sale/run-1/x.csv", connector.Locate("spring-sale/run-1/x.csv"));
    }

    [Fact]
    public async Task A_part_above_the_multipart_threshold_goes_up_in_parts_and_reads_back_byte_for_byte()
    {
        var connector = Create(Instance with { MultipartThresholdBytes = 1 << 20 });
        var target = Target(connector);
        var batch = Batch(target, 1, 1, 200_000);

        var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));

        var stored = (await ReadAsync($"{FileDrop.FolderOf(target)}/{FileDrop.PartFileName(target, 1, gzip: false)}"))!;
        Assert.True(stored.Length > 5 << 20, $"The part is {stored.Length} bytes; it must exceed one 5 MiB part to test multipart.");
        Assert.Equal(FileDrop.Reference(new CampaignBot.Delivery.Export.ExportFile(FileDrop.PartFileName(target, 1, false), 200_000, stored.Length, Convert.ToHexStringLower(SHA256.HashData(stored)))), outcome.Reference);
        Assert.Equal(200_000, ReadCsv(stored, "part.csv").Rows.Count);
    }

    [Fact]
    public async Task The_store_splits_a_file_into_five_mib_parts_above_the_threshold()
    {
        var file = Path.GetTempFileName();
        try
        {
            var bytes = new byte[(11 << 20) + 123];
            new Random(7).NextBytes(bytes);
            await File.WriteAllBytesAsync(file, bytes);
            var store = new S3ObjectStore(new S3StoreSettings
            {
                Service = "Amazon S3", Scheme = "s3", Bucket = Unique, Prefix = "", Endpoint = TestServers.S3Endpoint, Region = "us-east-1",
                MultipartThresholdBytes = 1 << 20, CredentialsReference = "Secrets:Drop", AccessKeyId = TestServers.S3AccessKeyId, SecretAccessKey = TestServers.S3SecretAccessKey,
            }, TimeProvider.System);

            var parts = await store.UploadAsync(Client, "big.bin", file, CancellationToken.None);

            Assert.Equal(3, parts);
            using var stored = await Client.GetObjectAsync(Unique, "big.bin");
            using var copy = new MemoryStream();
            await stored.ResponseStream.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Without_an_endpoint_the_region_picks_the_aws_endpoint()
    {
        var store = new S3ObjectStore(new S3StoreSettings
        {
            Service = "Amazon S3", Scheme = "s3", Bucket = "acme", Prefix = "", Region = "eu-west-1",
            CredentialsReference = "Secrets:Drop", AccessKeyId = "id", SecretAccessKey = "secret",
        }, TimeProvider.System);

        Assert.Equal(Amazon.RegionEndpoint.EUWest1, store.Config.RegionEndpoint);
        Assert.Null(store.Config.ServiceURL);
        Assert.Equal(RequestChecksumCalculation.WHEN_REQUIRED, store.Config.RequestChecksumCalculation);
    }
}
