using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Export;

namespace CampaignBot.Delivery.Tests.Export;

public sealed class ExportWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-export-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Rows_are_shaped_for_the_destination_and_the_file_hash_matches()
    {
        var shaper = new RowShaper(DestinationCatalog.For(DestinationKind.Attentive), ["phone", "customer_id"]);

        var (file, dropped) = await ExportWriter.WriteAsync(_folder, "spring_active-sms", shaper, Rows(
            (["(650) 253-0000", "C1"], "US"),
            (["not a phone", "C2"], "US"),
            (["020 7031 3000", "C3"], "GB")));

        var path = Path.Combine(_folder, file.Name);
        Assert.Equal("spring_active-sms.csv", file.Name);
        Assert.Equal("phone,clientUserId\n+16502530000,C1\n+442070313000,C3\n", await File.ReadAllTextAsync(path));
        Assert.Equal(2, file.Rows);
        Assert.Equal(new FileInfo(path).Length, file.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))), file.Sha256);
        Assert.Equal(["1 customer had no valid phone number"], dropped.Sentences());
    }

    [Fact]
    public async Task Gzip_files_without_a_header_decompress_to_the_rows()
    {
        var shaper = new RowShaper(DestinationCatalog.For(DestinationKind.Sftp), ["customer_id", "email"]);

        var (file, _) = await ExportWriter.WriteAsync(_folder, "list", shaper, Rows((["C1", "a@example.com"], null), (["C2", "b,c@example.com"], null)),
            new ExportOptions { Gzip = true, Header = false });

        await using var gzip = new GZipStream(File.OpenRead(Path.Combine(_folder, file.Name)), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        Assert.Equal("list.csv.gz", file.Name);
        Assert.Equal("C1,a@example.com\nC2,\"b,c@example.com\"\n", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task A_failure_midway_leaves_no_file_behind()
    {
        var shaper = new RowShaper(DestinationCatalog.For(DestinationKind.LocalFolder), ["customer_id"]);

        await Assert.ThrowsAsync<IOException>(() => ExportWriter.WriteAsync(_folder, "broken", shaper, Failing()));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task The_manifest_round_trips_and_is_written_whole()
    {
        var manifest = new ExportManifest
        {
            Campaign = "Spring Sale", CampaignId = "7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f", Group = "Active SMS", Destination = "attentive-sms",
            RunId = "run-1", CreatedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
            Files = [new ExportFile("a.csv", 10, 100, "ab"), new ExportFile("b.csv", 5, 50, "cd")],
            Dropped = new Dictionary<string, long> { [nameof(DropReason.NoValidPhone)] = 3 },
        };
        var path = Path.Combine(_folder, "manifest.json");

        await manifest.WriteAsync(path);
        var read = await ExportManifest.ReadAsync(path);

        Assert.Equal(15, read!.Rows);
        Assert.Equal(manifest.Files, read.Files);
        Assert.Equal(3, read.Dropped[nameof(DropReason.NoValidPhone)]);
        Assert.False(File.Exists(path + ".partial"));
    }

    private static async IAsyncEnumerable<ExportSourceRow> Rows(params (object?[] Values, string? Country)[] rows)
    {
        foreach (var (values, country) in rows)
        {
            await Task.Yield();
            yield return new ExportSourceRow(values, country);
        }
    }

    private static async IAsyncEnumerable<ExportSourceRow> Failing([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new ExportSourceRow(["C1"], null);
        await Task.Yield();
        throw new IOException("The customer engine went away.");
    }
}
