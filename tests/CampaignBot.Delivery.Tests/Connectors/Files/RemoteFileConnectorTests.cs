using System.IO.Compression;
using System.Security.Cryptography;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Files;
using CampaignBot.Delivery.Export;
using CsvHelper;

namespace CampaignBot.Delivery.Tests.Connectors.Files;

/// <summary>
/// The contract plus what every remote file destination promises, against its real server: the same names
/// and bytes as the local folder, the manifest last, one copy per batch, and failures in the right class.
/// Connectors are made through <see cref="ConnectorFactory"/>, so its registration is exercised too.
/// </summary>
public abstract class RemoteFileConnectorTests : ConnectorContractTests, IAsyncLifetime, IDisposable
{
    private readonly string _localRoot = Directory.CreateTempSubdirectory("campaignbot-remote-").FullName;

    /// <summary>A name no other test uses, for the bucket, container or folder each test gets.</summary>
    protected string Unique { get; } = "cb" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>The destination under test, pointing at this test's own bucket, container or folder.</summary>
    protected abstract DestinationInstance Instance { get; }

    protected abstract IReadOnlyDictionary<string, string> Credentials { get; }

    protected abstract IReadOnlyDictionary<string, string> WrongCredentials { get; }

    /// <summary>The instance pointed at a bucket, container or remote folder that does not exist.</summary>
    protected abstract DestinationInstance WithMissingBucket(DestinationInstance instance);

    /// <summary>The instance pointed at a loopback port where nothing listens.</summary>
    protected abstract DestinationInstance Unreachable(DestinationInstance instance, int port);

    /// <summary>Creates this test's bucket, container or folder on the server.</summary>
    public abstract Task InitializeAsync();

    /// <summary>The bytes stored under a name relative to the destination's root ("campaign/run/file"), or null.</summary>
    protected abstract Task<byte[]?> ReadAsync(string name);

    /// <summary>The names of every file stored in a folder relative to the destination's root, hidden ones included.</summary>
    protected abstract Task<IReadOnlyList<string>> ListAsync(string folder);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        Directory.Delete(_localRoot, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected override IDestinationConnector CreateConnector() => Create(Instance);

    protected IDestinationConnector Create(DestinationInstance instance, IReadOnlyDictionary<string, string>? credentials = null) =>
        new ConnectorFactory(_localRoot, new DestinationCredentials(new Dictionary<string, IReadOnlyDictionary<string, string>> { [instance.Name] = credentials ?? Credentials }))
            .Create(instance);

    protected override async Task<IReadOnlyList<string?[]>> ReadDeliveredAsync(IDestinationConnector connector, DeliveryTarget target)
    {
        var rows = new List<string?[]>();
        var folder = FileDrop.FolderOf(target);
        foreach (var name in (await ListAsync(folder)).Where(n => n.StartsWith(target.ListName + ".part-", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var (header, partRows) = ReadCsv((await ReadAsync($"{folder}/{name}"))!, name);
            Assert.Equal(target.Fields, header);
            rows.AddRange(partRows);
        }

        return rows;
    }

    protected override async Task<IReadOnlyList<DeliveredBatch>> ReadCompletedAsync(IDestinationConnector connector, DeliveryTarget target, string? completion)
    {
        var name = $"{FileDrop.FolderOf(target)}/{FileDrop.ManifestName(target)}";
        Assert.Equal(((FileDropConnector)connector).Locate(name), completion);
        var manifest = await ManifestAsync(name);
        return manifest.Files.Select((f, i) => new DeliveredBatch(i + 1, (int)f.Rows, $"{f.Name} sha256:{f.Sha256} bytes:{f.Bytes}")).ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Parts_and_manifest_are_byte_for_byte_what_the_local_folder_writes(bool gzip)
    {
        var remote = Create(Instance with { Gzip = gzip });
        var local = new LocalFolderConnector(new DestinationInstance { Name = Instance.Name, Kind = DestinationKind.LocalFolder, Location = "local", Gzip = gzip }, _localRoot);
        var target = Target(remote);

        foreach (var connector in new IDestinationConnector[] { remote, local })
        {
            var delivered = new List<DeliveredBatch>();
            foreach (var batch in new[] { Batch(target, 1, 1, 7), Batch(target, 2, 8, 3) })
            {
                var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));
                delivered.Add(new DeliveredBatch(batch.Sequence, outcome.Rows, outcome.Reference));
            }

            await connector.CompleteAsync(target, delivered, new Dictionary<string, long> { [nameof(DropReason.NoValidEmail)] = 3 }, CancellationToken.None);
        }

        var folder = FileDrop.FolderOf(target);
        var localFiles = Directory.GetFiles(local.FolderOf(target)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var extension = gzip ? ".csv.gz" : ".csv";
        Assert.Equal([$"{target.ListName}.manifest.json", $"{target.ListName}.part-00001{extension}", $"{target.ListName}.part-00002{extension}"], localFiles);
        Assert.Equal(localFiles, (await ListAsync(folder)).Order(StringComparer.Ordinal));
        foreach (var name in localFiles)
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(local.FolderOf(target), name!)), await ReadAsync($"{folder}/{name}"));
        }
    }

    [Fact]
    public async Task The_manifest_appears_only_on_completion_and_names_each_stored_part_with_rows_bytes_and_hash()
    {
        var connector = CreateConnector();
        var target = Target(connector);
        var manifestName = $"{FileDrop.FolderOf(target)}/{FileDrop.ManifestName(target)}";
        var delivered = new List<DeliveredBatch>();
        foreach (var sequence in new[] { 2, 1, 3 })
        {
            var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, sequence, sequence * 10, sequence + 1), CancellationToken.None));
            delivered.Add(new DeliveredBatch(sequence, outcome.Rows, outcome.Reference));
        }

        Assert.Null(await ReadAsync(manifestName));
        await connector.CompleteAsync(target, delivered, new Dictionary<string, long> { [nameof(DropReason.NoValidEmail)] = 4 }, CancellationToken.None);

        var manifest = await ManifestAsync(manifestName);
        Assert.Equal((Instance.Name, target.Campaign, target.Group, target.RunId, 9L), (manifest.Destination, manifest.Campaign, manifest.Group, manifest.RunId, manifest.Rows));
        Assert.Equal(4, manifest.Dropped[nameof(DropReason.NoValidEmail)]);
        Assert.Equal(new[] { 1, 2, 3 }.Select(n => FileDrop.PartFileName(target, n, gzip: false)), manifest.Files.Select(f => f.Name));
        foreach (var file in manifest.Files)
        {
            var bytes = (await ReadAsync($"{FileDrop.FolderOf(target)}/{file.Name}"))!;
            Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))), (file.Bytes, file.Sha256));
            Assert.Equal(file.Rows, ReadCsv(bytes, file.Name).Rows.Count);
        }
    }

    [Fact]
    public async Task Delivering_a_batch_again_replaces_its_part_and_leaves_no_other_file()
    {
        var connector = CreateConnector();
        var target = Target(connector);

        await connector.DeliverAsync(new DeliveryBatch(target, 1, [["C1", "first@example.com"], ["C2", null]]), CancellationToken.None);
        await connector.DeliverAsync(new DeliveryBatch(target, 1, [["C1", "second@example.com"]]), CancellationToken.None);

        var name = Assert.Single(await ListAsync(FileDrop.FolderOf(target)));
        Assert.Equal("customer_id,email\nC1,second@example.com\n", System.Text.Encoding.UTF8.GetString((await ReadAsync($"{FileDrop.FolderOf(target)}/{name}"))!));
    }

    [Fact]
    public async Task Completing_refuses_a_part_changed_since_it_was_delivered_and_writes_no_manifest()
    {
        var connector = CreateConnector();
        var target = Target(connector);
        var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 1, 1, 3), CancellationToken.None));
        await connector.DeliverAsync(Batch(target, 1, 1, 1), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            connector.CompleteAsync(target, [new DeliveredBatch(1, outcome.Rows, outcome.Reference)], new Dictionary<string, long>(), CancellationToken.None));
        Assert.Null(await ReadAsync($"{FileDrop.FolderOf(target)}/{FileDrop.ManifestName(target)}"));
    }

    [Fact]
    public async Task Refused_credentials_are_a_permanent_authentication_failure_and_nothing_is_stored()
    {
        var connector = Create(Instance, WrongCredentials);
        var target = Target(connector);

        var failure = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(Batch(target, 1, 1, 2), CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, failure.Kind);
        Assert.DoesNotContain(WrongCredentials.Values.Where(v => v.Length > 6).Select(v => v[..6]), failure.Reason.Contains);
        Assert.Empty(await ListAsync(FileDrop.FolderOf(target)));
    }

    [Fact]
    public async Task A_missing_bucket_container_or_folder_is_a_permanent_configuration_failure()
    {
        var connector = Create(WithMissingBucket(Instance));

        var failure = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(Batch(Target(connector), 1, 1, 2), CancellationToken.None));

        Assert.Equal(FailureKind.Configuration, failure.Kind);
    }

    [Fact]
    public async Task An_unreachable_server_is_a_transient_outage()
    {
        var connector = Create(Unreachable(Instance, TestServers.ClosedPort()));

        var failure = Assert.IsType<BatchOutcome.Transient>(await connector.DeliverAsync(Batch(Target(connector), 1, 1, 2), CancellationToken.None));

        Assert.Equal(FailureKind.ServiceDown, failure.Kind);
        Assert.Contains("could not be reached", failure.Reason, StringComparison.Ordinal);
    }

    /// <summary>A part's header and rows; an empty field reads as null, since shaped rows never hold empty text.</summary>
    protected static (IReadOnlyList<string> Header, List<string?[]> Rows) ReadCsv(byte[] bytes, string name)
    {
        Stream stream = new MemoryStream(bytes);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        using var csv = CsvReader.Create(stream, new CsvReaderOptions { MalformedData = CsvMalformedDataHandling.Throw }, leaveOpen: false);
        csv.ReadHeader();
        var header = csv.Headers.ToArray();
        var rows = new List<string?[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, header.Length).Select(i => csv.IsNull(i) ? null : csv.GetString(i)).ToArray());
        }

        return (header, rows);
    }

    private async Task<ExportManifest> ManifestAsync(string name)
    {
        var path = Path.Combine(_localRoot, Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllBytesAsync(path, (await ReadAsync(name)) ?? throw new InvalidOperationException($"There is no manifest at {name}."));
        return (await ExportManifest.ReadAsync(path))!;
    }
}
