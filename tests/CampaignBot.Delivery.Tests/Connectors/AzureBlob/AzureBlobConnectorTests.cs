using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.AzureBlob;
using CampaignBot.Delivery.Connectors.Files;
using CampaignBot.Delivery.Tests.Connectors.Files;

namespace CampaignBot.Delivery.Tests.Connectors.AzureBlob;

/// <summary>Azure Blob against Azurite (see <see cref="TestServers"/> for starting it locally); each test gets its own container.</summary>
public sealed class AzureBlobConnectorTests : RemoteFileConnectorTests
{
    private const string Prefix = "exports/campaignbot";
    private readonly BlobServiceClient _service = new(TestServers.AzuriteConnectionString);

    private static Dictionary<string, string> ConnectionParts => TestServers.AzuriteConnectionString
        .Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    protected override DestinationInstance Instance => new()
    {
        Name = "drop", Kind = DestinationKind.AzureBlobStorage, Location = $"{Unique}/{Prefix}", Endpoint = ConnectionParts["BlobEndpoint"], CredentialsReference = "Secrets:Drop",
    };

    protected override IReadOnlyDictionary<string, string> Credentials => new Dictionary<string, string>
    {
        [DestinationCredentials.AccountName] = ConnectionParts["AccountName"],
        [DestinationCredentials.AccountKey] = ConnectionParts["AccountKey"],
    };

    protected override IReadOnlyDictionary<string, string> WrongCredentials => new Dictionary<string, string>
    {
        [DestinationCredentials.AccountName] = ConnectionParts["AccountName"],
        [DestinationCredentials.AccountKey] = Convert.ToBase64String(new byte[64]),
    };

    protected override DestinationInstance WithMissingBucket(DestinationInstance instance) => instance with { Location = $"missing-{Unique}/{Prefix}" };

    protected override DestinationInstance Unreachable(DestinationInstance instance, int port) => instance with { Endpoint = $"http://127.0.0.1:{port}/devstoreaccount1" };

    public override async Task InitializeAsync() => await _service.GetBlobContainerClient(Unique).CreateAsync();

    protected override async Task<byte[]?> ReadAsync(string name)
    {
        try
        {
            var content = await _service.GetBlobContainerClient(Unique).GetBlobClient($"{Prefix}/{name}").DownloadContentAsync();
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    protected override async Task<IReadOnlyList<string>> ListAsync(string folder)
    {
        var names = new List<string>();
        await foreach (var blob in _service.GetBlobContainerClient(Unique).GetBlobsAsync(new GetBlobsOptions { Prefix = $"{Prefix}/{folder}/" }))
        {
            names.Add(blob.Name[(Prefix.Length + folder.Length + 2)..]);
        }

        return names;
    }

    [Fact]
    public void The_factory_gives_an_azure_destination_the_azure_connector_locating_blobs_in_the_container()
    {
        var connector = Assert.IsType<AzureBlobConnector>(Create(Instance));

        Assert.Equal($"{ConnectionParts["BlobEndpoint"].TrimEnd('/')}/{Unique}/{Prefix}/a/b.csv", connector.Locate("a/b.csv"));
    }

    [Fact]
    public async Task A_connection_string_works_in_place_of_account_name_and_key()
    {
        var connector = Create(Instance with { Endpoint = null }, new Dictionary<string, string> { [DestinationCredentials.ConnectionString] = TestServers.AzuriteConnectionString });
        var target = Target(connector);

        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 1, 1, 3), CancellationToken.None));

        Assert.Equal(3, ReadCsv((await ReadAsync($"{FileDrop.FolderOf(target)}/{FileDrop.PartFileName(target, 1, false)}"))!, "part.csv").Rows.Count);
    }

    [Fact]
    public async Task A_part_above_the_threshold_is_committed_as_several_blocks_and_reads_back_whole()
    {
        var connector = Create(Instance with { MultipartThresholdBytes = 1 << 20 });
        var target = Target(connector);

        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 1, 1, 60_000), CancellationToken.None));

        var name = $"{Prefix}/{FileDrop.FolderOf(target)}/{FileDrop.PartFileName(target, 1, false)}";
        var blocks = await _service.GetBlobContainerClient(Unique).GetBlockBlobClient(name).GetBlockListAsync(BlockListTypes.Committed);
        Assert.True(blocks.Value.CommittedBlocks.Count() > 1, $"{blocks.Value.CommittedBlocks.Count()} block(s)");
        Assert.Equal(60_000, ReadCsv((await ReadAsync(name[(Prefix.Length + 1)..]))!, "part.csv").Rows.Count);
    }

    [Fact]
    public async Task A_busy_server_is_a_transient_rate_limit_after_its_retry_after()
    {
        var outcome = Assert.IsType<BatchOutcome.Transient>(await OutcomeAgainstAsync(503, "ServerBusy", "1"));

        Assert.Equal((FailureKind.RateLimited, TimeSpan.FromSeconds(1)), (outcome.Kind, outcome.RetryAfter));
    }

    [Fact]
    public async Task Server_errors_are_a_transient_outage()
    {
        var outcome = Assert.IsType<BatchOutcome.Transient>(await OutcomeAgainstAsync(500, "InternalError"));

        Assert.Equal(FailureKind.ServiceDown, outcome.Kind);
    }

    [Fact]
    public async Task A_key_without_write_permission_is_a_permanent_permission_failure()
    {
        var outcome = Assert.IsType<BatchOutcome.Permanent>(await OutcomeAgainstAsync(403, "AuthorizationPermissionMismatch"));

        Assert.Equal(FailureKind.Permission, outcome.Kind);
        Assert.Contains($"container '{Unique}'", outcome.Reason, StringComparison.Ordinal);
    }

    private async Task<BatchOutcome> OutcomeAgainstAsync(int status, string code, string? retryAfter = null)
    {
        var headers = new Dictionary<string, string> { ["x-ms-error-code"] = code };
        if (retryAfter is not null)
        {
            headers["Retry-After"] = retryAfter;
        }

        using var server = new LoopbackHttpServer(status, headers, $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code><Message>Canned {code}.</Message></Error>");
        var connector = Create(Instance with { Endpoint = $"{server.Url}/devstoreaccount1" });
        return await connector.DeliverAsync(Batch(Target(connector), 1, 1, 2), CancellationToken.None);
    }
}
