using System.Globalization;
using System.Text;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Attentive;
using CampaignBot.Delivery.Tests.Connectors.Files;
using CsvHelper;
using Renci.SshNet;

namespace CampaignBot.Delivery.Tests.Connectors.Attentive;

/// <summary>
/// Attentive's subscriber segment upload against a real sshd (see <see cref="TestServers"/> for starting it locally);
/// each test gets its own remote folder and reads back exactly what Attentive would pick up.
/// </summary>
public sealed class AttentiveConnectorTests : ConnectorContractTests, IAsyncLifetime
{
    private const string ClientDomain = "acme.com";
    private readonly SftpServer _server = TestServers.Sftp;
    private readonly SftpClient _client;
    private readonly string _folder;

    public AttentiveConnectorTests()
    {
        _client = new SftpClient(_server.Host, _server.Port, _server.User, _server.Password);
        _client.HostKeyReceived += (_, e) => e.CanTrust = "SHA256:" + e.FingerPrintSHA256 == _server.HostKeyFingerprint;
        _folder = $"{_server.Folder}/attentive-{Guid.NewGuid():N}";
    }

    private DestinationInstance Instance => new()
    {
        Name = "attentive-sms", Kind = DestinationKind.Attentive, Transport = DestinationTransport.Sftp, ClientDomain = ClientDomain,
        Location = _folder, Host = _server.Host, Port = _server.Port, UserName = _server.User, HostKeyFingerprint = _server.HostKeyFingerprint,
        CredentialsReference = "Secrets:Attentive",
    };

    // The identifier as RowShaper leaves it for Attentive, with the values a careless CSV writer would mangle.
    protected override IReadOnlyList<string> Fields => ["email"];

    protected override string?[] Row(int n) => n % 3 == 1 ? [$"\"quoted, with comma\" {n}@example.com"] : [$"customer{n}@example.com"];

    public async Task InitializeAsync()
    {
        await _client.ConnectAsync(CancellationToken.None);
        await _client.CreateDirectoryAsync(_folder, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    protected override IDestinationConnector CreateConnector() => Create(Instance);

    private static IDestinationConnector Create(DestinationInstance instance, IReadOnlyDictionary<string, string>? credentials = null) =>
        new ConnectorFactory(Path.GetTempPath(), new DestinationCredentials(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            [instance.Name] = credentials ?? new Dictionary<string, string> { [DestinationCredentials.PrivateKey] = TestServers.Sftp.PrivateKey },
        })).Create(instance);

    protected override async Task<IReadOnlyList<string?[]>> ReadDeliveredAsync(IDestinationConnector connector, DeliveryTarget target)
    {
        var rows = new List<string?[]>();
        foreach (var name in await FilesOfAsync((AttentiveConnector)connector, target))
        {
            foreach (var (identifier, segment) in await ReadSegmentFileAsync(name))
            {
                Assert.Equal(target.ListName, segment);
                rows.Add([identifier]);
            }
        }

        return rows;
    }

    protected override Task<IReadOnlyList<DeliveredBatch>> ReadCompletedAsync(IDestinationConnector connector, DeliveryTarget target, string? completion)
    {
        Assert.NotNull(completion);
        Assert.StartsWith(((AttentiveConnector)connector).Locate(""), completion, StringComparison.Ordinal);
        // "… segment 'X', 3 files: #1 file sha256:… rows:2; #2 …": the batches follow the first ": #".
        var colon = completion.IndexOf(": #", StringComparison.Ordinal);
        IReadOnlyList<DeliveredBatch> batches = colon < 0
            ? []
            : completion[(colon + 2)..].Split("; ").Select(entry =>
            {
                var space = entry.IndexOf(' ', StringComparison.Ordinal);
                var rows = entry.LastIndexOf(" rows:", StringComparison.Ordinal);
                return new DeliveredBatch(int.Parse(entry[1..space], CultureInfo.InvariantCulture), int.Parse(entry[(rows + 6)..], CultureInfo.InvariantCulture), entry[(space + 1)..rows]);
            }).ToList();
        return Task.FromResult(batches);
    }

    [Fact]
    public async Task Each_batch_is_one_headerless_file_named_for_the_client_domain_the_run_date_and_the_batch()
    {
        var connector = (AttentiveConnector)CreateConnector();
        var target = Target(connector) with { CreatedAt = new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.FromHours(-5)) };

        var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 2, 1, 3), CancellationToken.None));

        var name = Assert.Single(await ListAsync());
        Assert.Equal(connector.FileName(target, 2), name);
        Assert.Matches(@"^acme\.com_subscriber_segment_20261124_\d{6}0002\.csv$", name);
        Assert.StartsWith(name + " sha256:", outcome.Reference, StringComparison.Ordinal);
        var text = Encoding.UTF8.GetString(await DownloadAsync(name));
        Assert.Equal($"customer2@example.com,{target.ListName}", text.Split('\n')[1]);
        Assert.Equal([("\"quoted, with comma\" 1@example.com", target.ListName), ("customer2@example.com", target.ListName), ("customer3@example.com", target.ListName)],
            await ReadSegmentFileAsync(name));
    }

    [Fact]
    public async Task A_phone_segment_file_holds_only_e164_phone_numbers()
    {
        var connector = (AttentiveConnector)CreateConnector();
        var target = Target(connector) with { Fields = ["clientUserId", "phone"] };
        var batch = new DeliveryBatch(target, 1, [["C1", "+14155550100"], ["C2", "+447700900123"]]);

        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));

        Assert.Equal([("+14155550100", target.ListName), ("+447700900123", target.ListName)], await ReadSegmentFileAsync(connector.FileName(target, 1)));
    }

    [Fact]
    public async Task Delivering_a_batch_again_replaces_its_file_and_leaves_no_temporary_file()
    {
        var connector = (AttentiveConnector)CreateConnector();
        var target = Target(connector);
        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 1, 1, 5), CancellationToken.None));

        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 1, 101, 2), CancellationToken.None));

        Assert.Equal([connector.FileName(target, 1)], await ListAsync());
        Assert.Equal(["customer101@example.com", "customer102@example.com"], (await ReadSegmentFileAsync(connector.FileName(target, 1))).Select(r => r.Identifier));
    }

    [Theory]
    [InlineData("+14155550100", null)]
    [InlineData(null, "a@example.com")]
    public async Task A_batch_mixing_email_and_phone_is_refused_as_invalid_data_with_nothing_uploaded(string? secondEmail, string? secondPhone)
    {
        var connector = CreateConnector();
        var target = Target(connector) with { Fields = ["email", "phone"] };
        var batch = new DeliveryBatch(target, 1, [["first@example.com", null], [secondEmail, secondPhone]]);

        var failure = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(batch, CancellationToken.None));

        Assert.Equal(FailureKind.InvalidData, failure.Kind);
        Assert.Contains("an Attentive segment file takes one identifier type, so nothing was uploaded", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("4155550100", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task The_wrong_password_is_an_authentication_failure_naming_the_credentials_section_not_the_secret()
    {
        var connector = Create(Instance, new Dictionary<string, string> { [DestinationCredentials.Password] = "not-the-password-1234" });

        var failure = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(Batch(Target(connector), 1, 1, 2), CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, failure.Kind);
        Assert.Contains("Secrets:Attentive", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_host_key_or_a_missing_folder_is_a_configuration_failure_and_a_closed_port_is_transient()
    {
        var otherKey = Create(Instance with { HostKeyFingerprint = FileDestinationRules.FingerprintExample });
        var missing = Create(Instance with { Location = $"{_folder}/missing" });
        var down = Create(Instance with { Port = TestServers.ClosedPort() });

        var keyFailure = Assert.IsType<BatchOutcome.Permanent>(await otherKey.DeliverAsync(Batch(Target(otherKey), 1, 1, 2), CancellationToken.None));
        var folderFailure = Assert.IsType<BatchOutcome.Permanent>(await missing.DeliverAsync(Batch(Target(missing), 1, 1, 2), CancellationToken.None));
        var outage = Assert.IsType<BatchOutcome.Transient>(await down.DeliverAsync(Batch(Target(down), 1, 1, 2), CancellationToken.None));

        Assert.Equal((FailureKind.Configuration, FailureKind.Configuration, FailureKind.ServiceDown), (keyFailure.Kind, folderFailure.Kind, outage.Kind));
        Assert.Empty(await ListAsync());
    }

    [Fact]
    public async Task Completing_writes_no_manifest_into_attentives_folder()
    {
        var connector = CreateConnector();
        var target = Target(connector);
        var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 1, 1, 3), CancellationToken.None));

        var completion = await connector.CompleteAsync(target, [new DeliveredBatch(1, 3, outcome.Reference)], new Dictionary<string, long>(), CancellationToken.None);

        Assert.Equal([((AttentiveConnector)connector).FileName(target, 1)], await ListAsync());
        Assert.Contains(outcome.Reference!, completion, StringComparison.Ordinal);
    }

    // Every file in the folder, hidden ones included, so a leftover temporary file or manifest shows.
    private async Task<List<string>> ListAsync()
    {
        var names = new List<string>();
        await foreach (var file in _client.ListDirectoryAsync(_folder, CancellationToken.None))
        {
            if (!file.IsDirectory)
            {
                names.Add(file.Name);
            }
        }

        return names;
    }

    private async Task<IEnumerable<string>> FilesOfAsync(AttentiveConnector connector, DeliveryTarget target)
    {
        var prefix = connector.FileName(target, 1)[..^"0001.csv".Length];
        return (await ListAsync()).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
    }

    private async Task<byte[]> DownloadAsync(string name)
    {
        using var bytes = new MemoryStream();
        await _client.DownloadFileAsync($"{_folder}/{name}", bytes, CancellationToken.None);
        return bytes.ToArray();
    }

    // Attentive's layout: no header, the identifier then the segment name on every row.
    private async Task<List<(string Identifier, string Segment)>> ReadSegmentFileAsync(string name)
    {
        using var csv = CsvReader.Create(new MemoryStream(await DownloadAsync(name)), new CsvReaderOptions { HasHeader = false, MalformedData = CsvMalformedDataHandling.Throw }, leaveOpen: false);
        var rows = new List<(string, string)>();
        while (csv.Read())
        {
            Assert.Equal(2, csv.FieldCount);
            rows.Add((csv.GetString(0), csv.GetString(1)));
        }

        return rows;
    }
}
