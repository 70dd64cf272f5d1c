using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Runs;
using Renci.SshNet;

namespace CampaignBot.Api.Tests.Destinations;

/// <summary>
/// A campaign run end to end to a real SFTP server configured the way a user would: settings plus a
/// credentials section. scripts/test.sh starts sshd; locally run
/// <c>scripts/servers/with-file-servers.sh dotnet test tests/CampaignBot.Api.Tests -c Release</c>.
/// </summary>
public sealed class FileDestinationRunTests
{
    [Fact]
    public async Task An_approved_campaign_drops_its_files_and_manifests_on_the_configured_sftp_server()
    {
        var server = SftpServer();
        var folder = $"{server["Folder"]}/run-{Guid.NewGuid():N}";
        using var sftp = new SftpClient(server["Host"], int.Parse(server["Port"], System.Globalization.CultureInfo.InvariantCulture), server["User"], server["Password"]);
        await sftp.ConnectAsync(CancellationToken.None);
        await sftp.CreateDirectoryAsync(folder, CancellationToken.None);
        await using var host = new LifecycleHost(new Dictionary<string, string?>
        {
            ["Destinations:1:Name"] = "partner-sftp",
            ["Destinations:1:Kind"] = "Sftp",
            ["Destinations:1:Location"] = folder,
            ["Destinations:1:Host"] = server["Host"],
            ["Destinations:1:Port"] = server["Port"],
            ["Destinations:1:UserName"] = server["User"],
            ["Destinations:1:HostKeyFingerprint"] = server["HostKeyFingerprint"],
            ["Destinations:1:CredentialsReference"] = "Secrets:PartnerSftp",
            ["Secrets:PartnerSftp:Password"] = server["Password"],
        });
        var draft = TestDrafts.OneTime().WithSubAudience(s => s with
        {
            Groups = s.Groups!.Select(g => g with { Destinations = [TestDrafts.Outbox() with { Destination = "partner-sftp" }] }).ToList(),
        });
        var id = await host.ApprovedAsync(draft);

        await host.TickAsync();

        var run = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), run.Status);
        var files = new List<string>();
        await foreach (var campaign in sftp.ListDirectoryAsync(folder, CancellationToken.None))
        {
            if (campaign.IsDirectory && campaign.Name is not "." and not "..")
            {
                await foreach (var runFolder in sftp.ListDirectoryAsync(campaign.FullName, CancellationToken.None))
                {
                    if (runFolder.IsDirectory && runFolder.Name is not "." and not "..")
                    {
                        files.AddRange(sftp.ListDirectory(runFolder.FullName).Where(f => !f.IsDirectory).Select(f => f.Name));
                    }
                }
            }
        }

        Assert.Equal(2, files.Count(f => f.EndsWith(".manifest.json", StringComparison.Ordinal)));
        Assert.Equal(run.Deliveries.Sum(d => d.Batches), files.Count(f => f.EndsWith(".csv", StringComparison.Ordinal)));
        Assert.All(run.Deliveries, d => Assert.StartsWith($"sftp://{server["Host"]}:{server["Port"]}{folder}/", d.Reference, StringComparison.Ordinal));
        Assert.All(run.Deliveries, d => Assert.True(d.Rows > 0));
    }

    private static Dictionary<string, string> SftpServer() =>
        (Environment.GetEnvironmentVariable("CAMPAIGNBOT_TEST_SFTP") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("CAMPAIGNBOT_TEST_SFTP is not set, so there is no sshd to test against. scripts/test.sh starts it; locally run "
                + "`scripts/servers/with-file-servers.sh dotnet test tests/CampaignBot.Api.Tests -c Release`."))
        .Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
