using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Files;
using CampaignBot.Delivery.Connectors.Sftp;
using CampaignBot.Delivery.Tests.Connectors.Files;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace CampaignBot.Delivery.Tests.Connectors.Sftp;

/// <summary>SFTP against a real sshd (see <see cref="TestServers"/> for starting it locally); each test gets its own remote folder.</summary>
public sealed class SftpConnectorTests : RemoteFileConnectorTests
{
    private readonly SftpServer _server = TestServers.Sftp;
    private readonly SftpClient _client;

    public SftpConnectorTests()
    {
        _client = new SftpClient(_server.Host, _server.Port, _server.User, _server.Password);
        _client.HostKeyReceived += (_, e) => e.CanTrust = "SHA256:" + e.FingerPrintSHA256 == _server.HostKeyFingerprint;
    }

    private string Folder => $"{_server.Folder}/{Unique}";

    protected override DestinationInstance Instance => new()
    {
        Name = "drop", Kind = DestinationKind.Sftp, Location = Folder, Host = _server.Host, Port = _server.Port, UserName = _server.User,
        HostKeyFingerprint = _server.HostKeyFingerprint, CredentialsReference = "Secrets:Drop",
    };

    protected override IReadOnlyDictionary<string, string> Credentials => new Dictionary<string, string> { [DestinationCredentials.PrivateKey] = _server.PrivateKey };

    protected override IReadOnlyDictionary<string, string> WrongCredentials => new Dictionary<string, string> { [DestinationCredentials.Password] = "not-the-password-1234" };

    protected override DestinationInstance WithMissingBucket(DestinationInstance instance) => instance with { Location = $"{_server.Folder}/missing-{Unique}" };

    protected override DestinationInstance Unreachable(DestinationInstance instance, int port) => instance with { Port = port };

    public override async Task InitializeAsync()
    {
        await _client.ConnectAsync(CancellationToken.None);
        await _client.CreateDirectoryAsync(Folder, CancellationToken.None);
    }

    public override Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    protected override async Task<byte[]?> ReadAsync(string name)
    {
        try
        {
            using var bytes = new MemoryStream();
            await _client.DownloadFileAsync($"{Folder}/{name}", bytes, CancellationToken.None);
            return bytes.ToArray();
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
    }

    protected override async Task<IReadOnlyList<string>> ListAsync(string folder)
    {
        var names = new List<string>();
        if (!await _client.ExistsAsync($"{Folder}/{folder}", CancellationToken.None))
        {
            return names;
        }

        await foreach (var file in _client.ListDirectoryAsync($"{Folder}/{folder}", CancellationToken.None))
        {
            if (!file.IsDirectory)
            {
                names.Add(file.Name);
            }
        }

        return names;
    }

    [Fact]
    public void The_factory_gives_an_sftp_destination_the_sftp_connector_locating_files_below_the_remote_folder()
    {
        var connector = Assert.IsType<SftpConnector>(Create(Instance));

        Assert.Equal($"sftp://{_server.Host}:{_server.Port}{Folder}/a/b.csv", connector.Locate("a/b.csv"));
    }

    [Fact]
    public async Task A_server_with_another_host_key_is_a_configuration_failure_and_gets_nothing()
    {
        var connector = Create(Instance with { HostKeyFingerprint = Core.Destinations.FileDestinationRules.FingerprintExample });
        var target = Target(connector);

        var failure = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(Batch(target, 1, 1, 3), CancellationToken.None));

        Assert.Equal(FailureKind.Configuration, failure.Kind);
        Assert.Contains($"presented host key {_server.HostKeyFingerprint}", failure.Reason, StringComparison.Ordinal);
        Assert.Empty(await _client.ListDirectoryAsync(Folder, CancellationToken.None).Where(f => f.Name is not "." and not "..").ToListAsync());
    }

    [Fact]
    public async Task A_password_signs_in_as_well_as_a_key()
    {
        var connector = Create(Instance, new Dictionary<string, string> { [DestinationCredentials.Password] = _server.Password });
        var target = Target(connector);

        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 1, 1, 4), CancellationToken.None));

        Assert.Equal(4, ReadCsv((await ReadAsync($"{FileDrop.FolderOf(target)}/{FileDrop.PartFileName(target, 1, false)}"))!, "part.csv").Rows.Count);
    }

    [Fact]
    public void A_private_key_that_cannot_be_read_is_reported_without_its_text()
    {
        Assert.Null(SftpConnector.PrivateKeyProblem(_server.PrivateKey, null));
        var problem = SftpConnector.PrivateKeyProblem("-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----", null);
        Assert.NotNull(problem);
        Assert.DoesNotContain("bm90IGEga2V5", problem, StringComparison.Ordinal);
    }
}
