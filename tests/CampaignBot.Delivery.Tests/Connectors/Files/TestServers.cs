namespace CampaignBot.Delivery.Tests.Connectors.Files;

/// <summary>
/// Where the real servers of the file-destination tests listen: scripts/test.sh starts them and exports
/// the variables below. Locally, run the tests through the same scripts:
/// <c>scripts/servers/with-file-servers.sh dotnet test tests/CampaignBot.Delivery.Tests -c Release</c>.
/// A missing variable fails the test with that hint rather than skipping it, so CI never passes untested.
/// </summary>
internal static class TestServers
{
    /// <summary>s3rver's base URL; it accepts only these credentials.</summary>
    public static string S3Endpoint => Required("CAMPAIGNBOT_TEST_S3", "s3rver");

    public const string S3AccessKeyId = "S3RVER";
    public const string S3SecretAccessKey = "S3RVER";

    /// <summary>Azurite's connection string (its public development account).</summary>
    public static string AzuriteConnectionString => Required("CAMPAIGNBOT_TEST_AZURITE", "Azurite");

    public static SftpServer Sftp
    {
        get
        {
            var settings = Required("CAMPAIGNBOT_TEST_SFTP", "sshd").Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
            return new SftpServer(settings["Host"], int.Parse(settings["Port"], System.Globalization.CultureInfo.InvariantCulture), settings["User"],
                settings["Password"], File.ReadAllText(settings["PrivateKeyFile"]), settings["Folder"], settings["HostKeyFingerprint"]);
        }
    }

    /// <summary>A loopback port nothing listens on, for "the destination is down".</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Required(string variable, string server) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set, so there is no {server} to test against. scripts/test.sh starts it; locally run "
                + "`scripts/servers/with-file-servers.sh dotnet test tests/CampaignBot.Delivery.Tests -c Release`.");
}

internal sealed record SftpServer(string Host, int Port, string User, string Password, string PrivateKey, string Folder, string HostKeyFingerprint)
{
    public override string ToString() => $"sftp://{User}@{Host}:{Port}";
}
