using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Schema;

/// <summary>The tables results read, transactions and campaign_sends: created like the customer tables, or mapped onto the user's.</summary>
public sealed class ResultsTablesTests
{
    [Fact]
    public async Task Results_tables_are_created_beside_the_customer_tables_in_DuckDB()
    {
        await using var duck = new DuckDbFile();
        await CreatedAndWrittenAsync(duck.Engine);
    }

    [Fact]
    public async Task Results_tables_are_created_beside_the_customer_tables_in_PostgreSQL()
    {
        await using var postgres = await PostgresDatabase.CreateAsync();
        await CreatedAndWrittenAsync(postgres.Engine);
    }

    [Fact]
    public async Task Results_tables_mapped_onto_the_users_tables_are_read_and_written_there()
    {
        await using var file = new DuckDbFile();
        await using (var connection = await file.Engine.OpenAsync())
        {
            await connection.ExecuteAsync(file.Engine, "CREATE SCHEMA shop");
            await connection.ExecuteAsync(file.Engine, "CREATE TABLE shop.orders (cust VARCHAR, order_id VARCHAR, ordered_at TIMESTAMP, total DECIMAL(18,2), channel VARCHAR)");
            await connection.ExecuteAsync(file.Engine, "INSERT INTO shop.orders VALUES ('C1', 'O1', TIMESTAMP '2026-11-01 10:00:00', 12.50, 'web'), ('C2', 'O2', TIMESTAMP '2026-11-02 11:00:00', 7.25, 'store')");
            await connection.ExecuteAsync(file.Engine, "CREATE TABLE shop.sends (cust VARCHAR, campaign_id VARCHAR, run_id VARCHAR, sub_audience VARCHAR, group_name VARCHAR, is_control BOOLEAN, channel VARCHAR, destination VARCHAR, sent_at TIMESTAMP)");
        }

        var mapped = new DuckDbEngine(file.Engine.DataSource)
        {
            Tables = new CustomerTableSources(
            [
                MappedTable.OnTable(CustomerSchema.TransactionList, "shop.orders", new Dictionary<string, string> { ["customer_id"] = "cust", ["amount"] = "total" }),
                MappedTable.OnTable(CustomerSchema.CampaignSendList, "shop.sends", new Dictionary<string, string> { ["customer_id"] = "cust" }),
            ]),
        };
        await using (mapped)
        {
            await CustomerTables.EnsureCreatedAsync(mapped);
            await InsertSendAsync(mapped);

            Assert.Empty(await TableMappingCheck.ProblemsAsync(mapped));
            Assert.Equal(2, await CustomerTables.CountAsync(mapped, CustomerSchema.TransactionList));
            Assert.Equal(["C1|CAMP|R1|Everyone|Recipients|true|email|Klaviyo|2026-11-03"], await EngineReads.RowsAsync(mapped, "shop.sends"));
            await using var connection = await mapped.OpenAsync();
            var own = await connection.ScalarAsync<long>(mapped, new SqlStatement("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('transactions', 'campaign_sends')", []));
            Assert.Equal(0, own);
        }
    }

    private static async Task CreatedAndWrittenAsync(CustomerEngine engine)
    {
        await CustomerTables.EnsureCreatedAsync(engine);
        await InsertSendAsync(engine);

        Assert.Equal(0, await CustomerTables.CountAsync(engine, CustomerSchema.TransactionList));
        Assert.Equal(1, await CustomerTables.CountAsync(engine, CustomerSchema.CampaignSendList));
        await CustomerTables.EnsureCreatedAsync(engine);
        Assert.Equal(1, await CustomerTables.CountAsync(engine, CustomerSchema.CampaignSendList));
    }

    private static async Task InsertSendAsync(CustomerEngine engine)
    {
        var table = CustomerSchema.CampaignSendList;
        var sql = new SqlBuilder(engine);
        sql.Sql($"INSERT {engine.Tables.InsertInto(table, table.Columns)} SELECT 'C1', 'CAMP', 'R1', 'Everyone', 'Recipients', true, 'email', 'Klaviyo', ")
            .Value(new DateTime(2026, 11, 3, 9, 0, 0, DateTimeKind.Unspecified));
        await using var connection = await engine.OpenAsync();
        await connection.ExecuteAsync(engine, sql.Build());
    }
}
