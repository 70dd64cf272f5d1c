using System.Security.Cryptography;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Export;
using CampaignBot.Delivery.Folders;

namespace CampaignBot.Delivery.Tests.Export;

public sealed class FolderDeliveryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("campaignbot-outbox-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_group_lands_as_a_file_and_a_manifest_under_campaign_and_run()
    {
        var outbox = new DestinationInstance { Name = "outbox", Kind = DestinationKind.LocalFolder, Location = "data/outbox" };
        var context = new DeliveryContext("Spring Sale", "7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f", "Active email A", "run 42", new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

        var manifest = await new FolderDelivery(outbox, _root).DeliverAsync(context, ["customer_id", "email"], Rows(("C1", "ada@example.com"), ("C2", null)));

        var folder = Path.Combine(_root, "data", "outbox", "spring-sale", "run-42");
        var csv = Path.Combine(folder, "spring-sale_active-email-a.csv");
        Assert.Equal("customer_id,email\nC1,ada@example.com\nC2,\n", await File.ReadAllTextAsync(csv));
        Assert.True(File.Exists(Path.Combine(folder, "spring-sale_active-email-a.manifest.json")));
        Assert.Equal(2, manifest.Rows);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(csv))), Assert.Single(manifest.Files).Sha256);
        Assert.Equal(("outbox", "run 42"), (manifest.Destination, manifest.RunId));
    }

    private static async IAsyncEnumerable<ExportSourceRow> Rows(params (string Id, string? Email)[] rows)
    {
        foreach (var (id, email) in rows)
        {
            await Task.Yield();
            yield return new ExportSourceRow([id, email], "US");
        }
    }
}
