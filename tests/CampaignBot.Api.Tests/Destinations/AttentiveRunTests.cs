using System.Text;
using CampaignBot.App.Runs;
using CampaignBot.Api.Tests.Lifecycle;
using Renci.SshNet;

namespace CampaignBot.Api.Tests.Destinations;

/// <summary>
/// A campaign run end to end to Attentive's subscriber segment upload, played by a real sshd configured the way a
/// user would configure Attentive. scripts/test.sh starts sshd; locally run
/// <c>scripts/servers/with-file-servers.sh dotnet test tests/CampaignBot.Api.Tests -c Release</c>.
/// </summary>
public sealed class AttentiveRunTests
{
    [Fact]
    public async Task An_approved_campaign_uploads_one_headerless_segment_file_per_group_and_nothing_else()
    {
        var server = (Environment.GetEnvironmentVariable("CAMPAIGNBOT_TEST_SFTP") is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException("CAMPAIGNBOT_TEST_SFTP is not set, so there is no sshd to test against. scripts/test.sh starts it; locally run "
                    + "`scripts/servers/with-file-servers.sh dotnet test tests/CampaignBot.Api.Tests -c Release`."))
            .Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var folder = $"{server["Folder"]}/attentive-{Guid.NewGuid():N}";
        using var sftp = new SftpClient(server["Host"], int.Parse(server["Port"], System.Globalization.CultureInfo.InvariantCulture), server["User"], server["Password"]);
        await sftp.ConnectAsync(CancellationToken.None);
        await sftp.CreateDirectoryAsync(folder, CancellationToken.None);
        await using var host = new LifecycleHost(new Dictionary<string, string?>
        {
            ["Destinations:1:Name"] = "attentive-sms",
            ["Destinations:1:Kind"] = "Attentive",
            ["Destinations:1:Transport"] = "Sftp",
            ["Destinations:1:ClientDomain"] = "acme.com",
            ["Destinations:1:Location"] = folder,
            ["Destinations:1:Host"] = server["Host"],
            ["Destinations:1:Port"] = server["Port"],
            ["Destinations:1:UserName"] = server["User"],
            ["Destinations:1:HostKeyFingerprint"] = server["HostKeyFingerprint"],
            ["Destinations:1:CredentialsReference"] = "Secrets:Attentive",
            ["Secrets:Attentive:Password"] = server["Password"],
        });
        var draft = TestDrafts.OneTime().WithSubAudience(s => s with
        {
            Groups = s.Groups!.Select(g => g with { Destinations = [TestDrafts.Outbox("email", "customer_id") with { Destination = "attentive-sms" }] }).ToList(),
        });
        var id = await host.ApprovedAsync(draft);

        await host.TickAsync();

        var run = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), run.Status);
        var files = sftp.ListDirectory(folder).Where(f => !f.IsDirectory).ToList();
        Assert.Equal(run.Deliveries.Count, files.Count);
        Assert.All(run.Deliveries, d => Assert.Equal(1, d.Batches));
        Assert.All(files, f => Assert.Matches(@"^acme\.com_subscriber_segment_\d{8}_\d{10}\.csv$", f.Name));
        var segments = new HashSet<string>();
        foreach (var file in files)
        {
            using var bytes = new MemoryStream();
            await sftp.DownloadFileAsync(file.FullName, bytes, CancellationToken.None);
            var lines = Encoding.UTF8.GetString(bytes.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var segment = lines[0][(lines[0].LastIndexOf(',') + 1)..];
            segments.Add(segment);
            Assert.All(lines, line => Assert.Matches(@"^[^,@]+@[^,]+,[^,]+$", line));
            Assert.All(lines, line => Assert.EndsWith("," + segment, line, StringComparison.Ordinal));
            Assert.Equal(run.Deliveries.Single(d => d.Reference!.Contains(file.Name, StringComparison.Ordinal)).Rows, lines.Length);
        }

        Assert.Equal(["Winter welcome - Email A", "Winter welcome - Email B"], segments.Order(StringComparer.Ordinal));
        Assert.All(run.Deliveries, d => Assert.StartsWith($"sftp://{server["Host"]}:{server["Port"]}{folder}/ segment '", d.Reference, StringComparison.Ordinal));
    }
}
