using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>The CSV export: DuckDB writes it itself, PostgreSQL through the driver; the files must agree.</summary>
public sealed class AudienceExportTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [Fact]
    public async Task Both_engines_export_the_same_recipients_with_a_header()
    {
        var folder = Directory.CreateTempSubdirectory("campaignbot-export-");
        try
        {
            await using var duck = new DuckDbFile();
            await using var postgres = await PostgresDatabase.CreateAsync();
            var fromDuck = await ExportAsync(duck.Engine, Path.Combine(folder.FullName, "duck.csv"));
            var fromPostgres = await ExportAsync(postgres.Engine, Path.Combine(folder.FullName, "postgres.csv"));

            Assert.Equal("customer_id,sub_audience,group,email,lifetime_value", fromDuck[0]);
            Assert.Equal(fromDuck[0], fromPostgres[0]);
            Assert.InRange(fromDuck.Count, 500, 5_000);
            Assert.Equal(fromDuck.Skip(1).Order(StringComparer.Ordinal), fromPostgres.Skip(1).Order(StringComparer.Ordinal));
            Assert.DoesNotContain(fromDuck.Skip(1), line => line.Split(',')[2] == "-1");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<List<string>> ExportAsync(CustomerEngine engine, string path)
    {
        await new DemoDataGenerator(engine).GenerateAsync(5_000, AsOf);
        var attributes = AudienceBuilder.ResolveAttributes([("email", null), ("lifetime_value", "customer_360")], out _);
        var builder = new AudienceBuilder(engine);
        var request = Campaigns.SpringSale(AsOf);

        var rows = await builder.ExportCsvAsync(request, AudienceSlice.Recipients, attributes, path);

        var lines = (await File.ReadAllLinesAsync(path)).ToList();
        var counts = await builder.CountAsync(request);
        Assert.Equal(rows + 1, lines.Count);
        Assert.Equal(counts.Total - counts.Unmatched - ControlCount(counts), rows);
        return lines;
    }

    private static long ControlCount(Core.Audiences.SplitTally tally) =>
        Enumerable.Range(0, 3).Sum(s => tally.Count(Core.Audiences.GroupSlot.Control(s)));
}
