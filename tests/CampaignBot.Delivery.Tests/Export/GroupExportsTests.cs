using System.Runtime.CompilerServices;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Export;

namespace CampaignBot.Delivery.Tests.Export;

public sealed class GroupExportsTests : IDisposable
{
    private static readonly GroupSlot ActiveA = new(0, 0);
    private static readonly GroupSlot ActiveB = new(0, 1);
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-groups-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static RowShaper Shaper => new(DestinationCatalog.For(DestinationKind.LocalFolder), ["customer_id"]);

    private static Dictionary<GroupSlot, string> Names => new() { [ActiveA] = "active-a", [ActiveB] = "active-b" };

    [Fact]
    public async Task One_pass_fills_each_groups_file_and_skips_control()
    {
        var rows = Enumerable.Range(0, 5_000).Select(i => (Slot: (i % 3) switch { 0 => ActiveA, 1 => ActiveB, _ => GroupSlot.Control(0) }, Id: $"C{i}"));

        var files = await GroupExports.WriteAsync(_folder, Names, Shaper, Source(rows));

        Assert.Equal(1667, files[ActiveA].File.Rows);
        Assert.Equal(1667, files[ActiveB].File.Rows);
        var lines = await File.ReadAllLinesAsync(Path.Combine(_folder, "active-b.csv"));
        Assert.Equal(["customer_id", "C1", "C4"], lines.Take(3));
        Assert.DoesNotContain("C2", lines);
        Assert.Equal(2, Directory.GetFiles(_folder).Length);
    }

    [Fact]
    public async Task A_failing_source_leaves_no_group_file_and_reports_its_error()
    {
        var error = await Assert.ThrowsAsync<IOException>(() => GroupExports.WriteAsync(_folder, Names, Shaper, Failing()));

        Assert.Equal("The customer engine went away.", error.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task Remembering_repeated_values_writes_byte_for_byte_the_files_plain_shaping_writes()
    {
        string[] attributes = ["email", "phone", "given_name", "surname", "postal_code"];
        var meta = DestinationCatalog.For(DestinationKind.MetaAds);
        var rows = Enumerable.Range(0, 30_000).Select(i => (Slot: i % 3 == 0 ? ActiveA : ActiveB, Row: new ExportSourceRow(
            [i % 13 == 0 ? null : $"Customer{i % 9_000}@Example.com", i % 4 == 0 ? $"+1 650 {200 + i % 700} {i % 10_000:D4}" : "(650) 253-0000",
                i % 2 == 0 ? "Ada" : "José María", i % 5 == 0 ? "O'Brien" : "Li", $"{94000 + i % 40}"], i % 10 == 0 ? "GB" : "US"))).ToList();

        var plain = await GroupExports.WriteAsync(Path.Combine(_folder, "plain"), Names,
            new RowShaper(meta, attributes, rememberRepeatedValues: false), Sourced(rows));
        var remembering = await GroupExports.WriteAsync(Path.Combine(_folder, "remembering"), Names, new RowShaper(meta, attributes), Sourced(rows));

        foreach (var slot in Names.Keys)
        {
            Assert.Equal(plain[slot].File, remembering[slot].File with { });
            Assert.Equal(plain[slot].Dropped.ByReason, remembering[slot].Dropped.ByReason);
            Assert.Equal(
                await File.ReadAllBytesAsync(Path.Combine(_folder, "plain", plain[slot].File.Name)),
                await File.ReadAllBytesAsync(Path.Combine(_folder, "remembering", remembering[slot].File.Name)));
        }

        Assert.True(plain[ActiveA].File.Rows > 9_000);
    }

    private static async IAsyncEnumerable<(GroupSlot, ExportSourceRow)> Sourced(IEnumerable<(GroupSlot Slot, ExportSourceRow Row)> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<(GroupSlot, ExportSourceRow)> Source(IEnumerable<(GroupSlot Slot, string Id)> rows)
    {
        foreach (var (slot, id) in rows)
        {
            await Task.Yield();
            yield return (slot, new ExportSourceRow([id], null));
        }
    }

    private static async IAsyncEnumerable<(GroupSlot, ExportSourceRow)> Failing([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < 3_000; i++)
        {
            yield return (i % 2 == 0 ? ActiveA : ActiveB, new ExportSourceRow([$"C{i}"], null));
        }

        await Task.Yield();
        throw new IOException("The customer engine went away.");
    }
}
