using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Import;

/// <summary>Imports into customers spread over the two-shard ClickHouse cluster end as they do in DuckDB.</summary>
public sealed class ClickHouseImportTests : IAsyncLifetime
{
    private const int Customers = 2_000;
    private static readonly DateOnly Today = new(2026, 11, 23);
    private readonly DuckDbFile _duck = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-import-").FullName;
    private ClickHouseDatabase? _clickHouse;

    private ClickHouseDatabase ClickHouse => _clickHouse!;

    public async Task InitializeAsync()
    {
        _clickHouse = await ClickHouseDatabase.CreateAsync();
        await new DemoDataGenerator(_duck.Engine).GenerateAsync(Customers, Today);
        await new DemoDataGenerator(ClickHouse.Engine).GenerateAsync(Customers, Today);
    }

    public async Task DisposeAsync()
    {
        await _duck.DisposeAsync();
        if (_clickHouse is not null)
        {
            await _clickHouse.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Rows_for_stored_customers_replace_them_on_their_shards_and_duplicates_are_rejected_as_in_DuckDB()
    {
        // Existing customers on both shards, a new one, one listed twice and one bad row.
        var file = Csv("""
            customer_id,city,lifetime_value,birthdate,loyalty_member
            C00000001,Portland,12.50,1960-02-29,true
            C00000002,Austin,0,,no
            C00000003,Denver,7.25,1990-01-01,yes
            NEW1,Boston,99.99,1949-12-31,false
            C00000002,Reno,1,,no
            C00000004,Salem,lots,,no
            """);

        var inDuck = await new CustomerImporter(_duck.Engine).ImportAsync(file, CustomerSchema.Customer360, new ImportOptions { SkipInvalidRows = true });
        var inClickHouse = await new CustomerImporter(ClickHouse.Engine).ImportAsync(file, CustomerSchema.Customer360, new ImportOptions { SkipInvalidRows = true });

        Assert.True(inClickHouse.Committed, inClickHouse.Failure);
        Assert.Equal((6L, 4L, 2L), (inClickHouse.RowsRead, inClickHouse.Imported, inClickHouse.Rejected));
        Assert.Equal(inDuck.Rejections, inClickHouse.Rejections);
        Assert.Equal(await EngineReads.RowsAsync(_duck.Engine, CustomerSchema.Customer360.Name), await EngineReads.RowsAsync(ClickHouse.Engine, CustomerSchema.Customer360.Name));
        Assert.Equal(Customers + 1, await CustomerTables.CountAsync(ClickHouse.Engine, CustomerSchema.Customer360));
        await AssertNoStagingLeftAsync();
    }

    [Fact]
    public async Task A_rejected_file_changes_nothing_on_ClickHouse_and_leaves_no_staging_table()
    {
        var before = await EngineReads.RowsAsync(ClickHouse.Engine, CustomerSchema.Customer360.Name);

        var report = await new CustomerImporter(ClickHouse.Engine).ImportAsync(
            Csv("customer_id,city,order_count\nC00000001,Portland,1\nC00000002,Austin,many\n"), CustomerSchema.Customer360);

        Assert.False(report.Committed);
        Assert.Equal("Nothing was imported: 1 of 2 rows was rejected. Fix it, or import with invalid rows skipped.", report.Failure);
        Assert.Equal(before, await EngineReads.RowsAsync(ClickHouse.Engine, CustomerSchema.Customer360.Name));
        await AssertNoStagingLeftAsync();
    }

    private async Task AssertNoStagingLeftAsync()
    {
        foreach (var node in ClickHouse.Nodes)
        {
            Assert.Equal(0L, Convert.ToInt64(await ClickHouseDatabase.ScalarOnNodeAsync(node,
                "SELECT count() FROM system.tables WHERE database = currentDatabase() AND name LIKE 'customer_import_staging%'")));
        }
    }

    private string Csv(string content)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }
}
