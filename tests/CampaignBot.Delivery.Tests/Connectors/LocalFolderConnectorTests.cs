using System.IO.Compression;
using System.Security.Cryptography;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Export;
using CsvHelper;

namespace CampaignBot.Delivery.Tests.Connectors;

public class LocalFolderConnectorTests : ConnectorContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("campaignbot-outbox-").FullName;

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected virtual bool Gzip => false;

    protected override IDestinationConnector CreateConnector() => Connector();

    private LocalFolderConnector Connector(string? location = "data/outbox") =>
        new(new DestinationInstance { Name = "outbox", Kind = DestinationKind.LocalFolder, Location = location, Gzip = Gzip }, _root);

    protected override async Task<IReadOnlyList<string?[]>> ReadDeliveredAsync(IDestinationConnector connector, DeliveryTarget target)
    {
        var rows = new List<string?[]>();
        foreach (var part in Parts((LocalFolderConnector)connector, target))
        {
            var (header, partRows) = await ReadCsvAsync(part);
            Assert.Equal(target.Fields, header);
            rows.AddRange(partRows);
        }

        return rows;
    }

    protected override async Task<IReadOnlyList<DeliveredBatch>> ReadCompletedAsync(IDestinationConnector connector, DeliveryTarget target, string? completion)
    {
        Assert.NotNull(completion);
        var manifest = await ExportManifest.ReadAsync(completion);
        return manifest!.Files
            .Select((f, i) => new DeliveredBatch(i + 1, (int)f.Rows, $"{f.Name} sha256:{f.Sha256} bytes:{f.Bytes}"))
            .ToList();
    }

    [Fact]
    public async Task Each_batch_is_a_part_file_with_a_header_under_campaign_and_run()
    {
        var connector = Connector();
        var target = Target(connector, campaign: "Spring Sale", group: "Active email A", runId: "run 42");

        var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(
            new DeliveryBatch(target, 3, [["C1", "ada@example.com"], ["C2", null]]), CancellationToken.None));

        var name = "spring-sale_active-email-a.part-00003.csv" + (Gzip ? ".gz" : "");
        var path = Path.Combine(_root, "data", "outbox", "spring-sale", "run-42", name);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("customer_id,email\nC1,ada@example.com\nC2,\n", await TextOfAsync(path));
        Assert.Equal($"{name} sha256:{Convert.ToHexStringLower(SHA256.HashData(bytes))} bytes:{bytes.Length}", outcome.Reference);
    }

    [Fact]
    public async Task Delivering_a_batch_again_replaces_its_part_and_leaves_no_temporary_files()
    {
        var connector = Connector();
        var target = Target(connector);

        await connector.DeliverAsync(new DeliveryBatch(target, 1, [["C1", "first@example.com"], ["C2", null]]), CancellationToken.None);
        await connector.DeliverAsync(new DeliveryBatch(target, 1, [["C1", "second@example.com"]]), CancellationToken.None);

        var part = Assert.Single(Directory.GetFiles(connector.FolderOf(target)));
        Assert.Equal("customer_id,email\nC1,second@example.com\n", await TextOfAsync(part));
        Assert.Empty(Directory.GetFiles(_root, "*" + ".partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_manifest_is_written_last_and_names_every_part_with_its_rows_bytes_hash_and_drops()
    {
        var connector = Connector();
        var target = Target(connector);
        var delivered = new List<DeliveredBatch>();
        foreach (var sequence in new[] { 2, 1 })
        {
            var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, sequence, sequence * 10, sequence + 2), CancellationToken.None));
            delivered.Add(new DeliveredBatch(sequence, outcome.Rows, outcome.Reference));
        }

        var path = await connector.CompleteAsync(target, delivered, new Dictionary<string, long> { [nameof(DropReason.NoValidEmail)] = 7 }, CancellationToken.None);

        var folder = connector.FolderOf(target);
        Assert.Equal(Path.Combine(folder, "spring-sale_active-email-a.manifest.json"), path);
        var manifest = (await ExportManifest.ReadAsync(path!))!;
        Assert.Equal(("Spring Sale", "Active email A", "outbox", "run-1", CreatedAt), (manifest.Campaign, manifest.Group, manifest.Destination, manifest.RunId, manifest.CreatedAt));
        Assert.Equal(7, manifest.Rows);
        Assert.Equal(7, manifest.Dropped[nameof(DropReason.NoValidEmail)]);
        var extension = Gzip ? ".csv.gz" : ".csv";
        Assert.Equal(["spring-sale_active-email-a.part-00001" + extension, "spring-sale_active-email-a.part-00002" + extension], manifest.Files.Select(f => f.Name));
        foreach (var file in manifest.Files)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, file.Name));
            Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))), (file.Bytes, file.Sha256));
            Assert.Equal(file.Rows, (await ReadCsvAsync(Path.Combine(folder, file.Name))).Rows.Count);
        }

        Assert.Empty(Directory.GetFiles(_root, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Completing_refuses_a_part_changed_since_it_was_delivered()
    {
        var connector = Connector();
        var target = Target(connector);
        var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 1, 1, 3), CancellationToken.None));
        await connector.DeliverAsync(Batch(target, 1, 1, 1), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            connector.CompleteAsync(target, [new DeliveredBatch(1, outcome.Rows, outcome.Reference)], new Dictionary<string, long>(), CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(connector.FolderOf(target), target.ListName + LocalFolderConnector.ManifestSuffix)));
    }

    [Fact]
    public async Task Special_characters_in_campaign_group_and_run_are_slugged_into_plain_names()
    {
        var connector = Connector();
        var target = Target(connector, campaign: "Été ✨ Sale: 50% off / \"VIP\"", group: "Café Crème — A/B ..\\test", runId: "2026-11-23T12:00 #1");

        await connector.DeliverAsync(Batch(target, 1, 1, 2), CancellationToken.None);

        var folder = Path.Combine(_root, "data", "outbox", "ete-sale-50-off-vip", "2026-11-23t12-00-1");
        Assert.Equal(folder, connector.FolderOf(target));
        Assert.Equal("ete-sale-50-off-vip_cafe-creme-a-b-test.part-00001.csv" + (Gzip ? ".gz" : ""), Path.GetFileName(Assert.Single(Directory.GetFiles(folder))));
    }

    [Fact]
    public async Task A_list_name_that_is_not_a_file_name_is_refused_permanently()
    {
        var connector = Connector();
        var target = Target(connector) with { ListName = "../escape" };

        Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(Batch(target, 1, 1, 1), CancellationToken.None));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Without_a_location_parts_go_to_data_outbox_under_the_content_root(string? location)
    {
        var connector = Connector(location);

        await connector.DeliverAsync(Batch(Target(connector), 1, 1, 1), CancellationToken.None);

        Assert.Single(Directory.GetFiles(Path.Combine(_root, "data", "outbox"), "*", SearchOption.AllDirectories));
    }

    private static IEnumerable<string> Parts(LocalFolderConnector connector, DeliveryTarget target)
    {
        var folder = connector.FolderOf(target);
        return Directory.Exists(folder) ? Directory.GetFiles(folder, target.ListName + ".part-*").Order(StringComparer.Ordinal) : [];
    }

    private static Stream OpenText(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static async Task<string> TextOfAsync(string path)
    {
        using var reader = new StreamReader(OpenText(path));
        return await reader.ReadToEndAsync();
    }

    /// <summary>A part's header and rows; an empty field reads as null, since shaped rows never hold empty text.</summary>
    private static async Task<(IReadOnlyList<string> Header, List<string?[]> Rows)> ReadCsvAsync(string path)
    {
        await using var csv = CsvReader.Create(OpenText(path), new CsvReaderOptions { MalformedData = CsvMalformedDataHandling.Throw }, leaveOpen: false);
        await csv.ReadHeaderAsync();
        var header = csv.Headers.ToArray();
        var rows = new List<string?[]>();
        while (await csv.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, header.Length).Select(i => csv.IsNull(i) ? null : csv.GetString(i)).ToArray());
        }

        return (header, rows);
    }
}

/// <summary>The same contract and folder behaviour with gzipped parts.</summary>
public sealed class GzipLocalFolderConnectorTests : LocalFolderConnectorTests
{
    protected override bool Gzip => true;
}
