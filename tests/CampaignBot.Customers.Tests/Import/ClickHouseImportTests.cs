using CampaignBot.Customers.DemoData;
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
    private readonly ImportFiles _files = new();
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

        _files.Dispose();
    }

    [Fact]
    public async Task An_upsert_over_both_shards_updates_the_files_columns_and_keeps_the_rest_as_in_DuckDB()
    {
        // Existing customers on both shards and a new one, a city and a value each; their other columns are kept.
        var file = _files.Csv("""
            customer_id,city,lifetime_value
            C00000001,Portland,12.50
            C00000002,Austin,0
            C00000003,Denver,7.25
            NEW1,Boston,99.99
            """);

        var inDuck = await new CustomerImporter(_duck.Engine).ImportAsync(file, ImportFiles.Into(ImportTarget.Customer360));
        var inClickHouse = await new CustomerImporter(ClickHouse.Engine).ImportAsync(file, ImportFiles.Into(ImportTarget.Customer360));

        Assert.True(inDuck.Committed && inClickHouse.Committed, inDuck.Failure ?? inClickHouse.Failure);
        Assert.Equal(await EngineReads.RowsAsync(_duck.Engine, CustomerSchema.Customer360.Name), await EngineReads.RowsAsync(ClickHouse.Engine, CustomerSchema.Customer360.Name));
        Assert.Equal(Customers + 1, await CustomerTables.CountAsync(ClickHouse.Engine, CustomerSchema.Customer360));
        await AssertNoImportTablesLeftAsync();
    }

    [Fact]
    public async Task A_rejected_file_changes_nothing_on_ClickHouse_and_names_its_duplicates_as_DuckDB_does()
    {
        var before = await EngineReads.RowsAsync(ClickHouse.Engine, CustomerSchema.Customer360.Name);
        var file = _files.Csv("customer_id,city,order_count\nC00000001,Portland,1\nC00000002,Austin,many\nC00000001,Reno,2\n");

        var inDuck = await new CustomerImporter(_duck.Engine).ImportAsync(file, ImportFiles.Into(ImportTarget.Customer360, ImportMode.Replace));
        var inClickHouse = await new CustomerImporter(ClickHouse.Engine).ImportAsync(file, ImportFiles.Into(ImportTarget.Customer360, ImportMode.Replace));

        Assert.False(inClickHouse.Committed);
        Assert.Equal("Nothing was imported: 2 of 3 rows were rejected. Fix them and import the file again.", inClickHouse.Failure);
        Assert.Equal(inDuck.Problems, inClickHouse.Problems);
        Assert.Equal(before, await EngineReads.RowsAsync(ClickHouse.Engine, CustomerSchema.Customer360.Name));
        await AssertNoImportTablesLeftAsync();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_mode_leaves_each_table_as_it_says_on_ClickHouse(string table, string mode)
    {
        await using var clickHouse = await ClickHouseDatabase.CreateAsync();

        await ImportModeCases.RunAsync(clickHouse.Engine, _files, table, mode);
    }

    public static TheoryData<string, string> Cases() => ImportModeCases.All();

    private async Task AssertNoImportTablesLeftAsync()
    {
        foreach (var node in ClickHouse.Nodes)
        {
            Assert.Equal(0L, Convert.ToInt64(await ClickHouseDatabase.ScalarOnNodeAsync(node,
                "SELECT count() FROM system.tables WHERE database = currentDatabase() AND (name LIKE '%\\_import%' OR name LIKE '%\\_rebuilt%')")));
        }
    }
}
