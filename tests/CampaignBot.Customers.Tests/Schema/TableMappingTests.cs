using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Insights;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Audiences;
using CampaignBot.Customers.Tests.Engines;
using Npgsql;

namespace CampaignBot.Customers.Tests.Schema;

/// <summary>Customer tables mapped onto the user's own tables, views and files: read in place, checked at start.</summary>
public sealed class TableMappingTests : IAsyncLifetime
{
    private const int Customers = 5_000;
    private static readonly DateOnly AsOf = new(2026, 11, 23);
    private readonly DuckDbFile _own = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-mapped-").FullName;

    public Task InitializeAsync() => new DemoDataGenerator(_own.Engine).GenerateAsync(Customers, AsOf);

    public async Task DisposeAsync()
    {
        await _own.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Parquet_files_mapped_in_DuckDB_with_their_own_column_names_count_and_explain_as_the_tables_they_copy()
    {
        var people = Directory.CreateDirectory(Path.Combine(_folder, "people")).FullName;
        await ExportAsync("SELECT customer_id AS cust_no, email AS mail, * EXCLUDE (customer_id, email) FROM customer_360 WHERE customer_id < 'C00002500'", Path.Combine(people, "a.parquet"));
        await ExportAsync("SELECT customer_id AS cust_no, email AS mail, * EXCLUDE (customer_id, email) FROM customer_360 WHERE customer_id >= 'C00002500'", Path.Combine(people, "b.parquet"));
        await ExportAsync("SELECT * FROM merged_customers", Path.Combine(_folder, "merged.parquet"));
        await ExportAsync("SELECT * FROM suppressions", Path.Combine(_folder, "optouts.parquet"));
        var renamed = new Dictionary<string, string> { ["customer_id"] = "cust_no", ["email"] = "mail" };
        await using var mapped = new DuckDbFile(new CustomerTableSources(
        [
            MappedTable.OnParquet(CustomerSchema.Customer360, people, renamed),
            MappedTable.OnParquet(CustomerSchema.MergedCustomers, Path.Combine(_folder, "merged.parquet")),
            MappedTable.OnParquet(CustomerSchema.SuppressionList, Path.Combine(_folder, "*outs.parquet")),
        ]));
        var request = Campaigns.SpringSale(AsOf);
        var checks = PreviewEqualityTests.Checks();

        var onFiles = await PreviewEqualityTests.CountsAsync(new AudienceBreakdown(mapped.Engine), request, checks);
        var onOwn = await PreviewEqualityTests.CountsAsync(new AudienceBreakdown(_own.Engine), request, checks);

        Assert.Empty(await TableMappingCheck.ProblemsAsync(mapped.Engine));
        Assert.Equal(onOwn.Figures, onFiles.Figures);
        Assert.Equal(
            await new SegmentInsightsQuery(_own.Engine).ComputeAsync(Campaigns.Bind("lifetime_value > 100"), AsOf),
            await new SegmentInsightsQuery(mapped.Engine).ComputeAsync(Campaigns.Bind("lifetime_value > 100"), AsOf),
            InsightsComparer.Instance);
        var explainedOwn = await new CustomerAudienceCheck(_own.Engine).CheckAsync(request, "C00000097", ["email"]);
        var explainedFiles = await new CustomerAudienceCheck(mapped.Engine).CheckAsync(request, "C00000097", ["email"]);
        Assert.Equal(explainedOwn!.Suppressed, explainedFiles!.Suppressed);
        Assert.Equal((explainedOwn.Bucket, explainedOwn.InAnyInclude), (explainedFiles.Bucket, explainedFiles.InAnyInclude));
        Assert.Equal(Customers, await CustomerTables.CountAsync(mapped.Engine, CustomerSchema.Customer360));
    }

    [Fact]
    public async Task Demo_data_is_never_generated_into_mapped_tables_and_they_are_never_created()
    {
        await using var mapped = new DuckDbFile(new CustomerTableSources([MappedTable.OnTable(CustomerSchema.Customer360, "crm_people")]));
        await using (var connection = await mapped.Engine.OpenAsync())
        {
            await connection.ExecuteAsync(mapped.Engine, new SqlStatement("CREATE TABLE crm_people AS SELECT * FROM (VALUES ('X1')) t(customer_id) LIMIT 0", []));
        }

        var seeded = await new DemoDataGenerator(mapped.Engine).SeedIfEmptyAsync(100, AsOf);

        Assert.False(seeded);
        Assert.False(await Import.ImportFiles.TableExistsAsync(mapped.Engine, "customer_360"));
        Assert.Equal(0, await CustomerTables.CountAsync(mapped.Engine, CustomerSchema.MergedCustomers));
        await Assert.ThrowsAsync<InvalidOperationException>(() => new DemoDataGenerator(mapped.Engine).GenerateAsync(100, AsOf));
    }

    [Fact]
    public async Task Every_table_and_column_a_PostgreSQL_mapping_misses_is_named_at_once()
    {
        await using var postgres = await PostgresDatabase.CreateAsync();
        await new DemoDataGenerator(postgres.Engine).GenerateAsync(100, AsOf);
        await using (var connection = await postgres.Engine.OpenAsync())
        {
            await connection.ExecuteAsync(postgres.Engine, new SqlStatement("""
                CREATE SCHEMA crm;
                CREATE TABLE crm.people AS SELECT customer_id AS cust_no, email AS mail, * FROM customer_360;
                ALTER TABLE crm.people DROP COLUMN customer_id, DROP COLUMN email, DROP COLUMN phone, DROP COLUMN idfa;
                ALTER TABLE crm.people ALTER COLUMN churn_risk TYPE text;
                CREATE VIEW crm.optouts AS SELECT * FROM suppressions;
                """, []));
        }

        var engine = new PostgresEngine(NpgsqlDataSource.Create(postgres.ConnectionString))
        {
            Tables = new CustomerTableSources(
            [
                MappedTable.OnTable(CustomerSchema.Customer360, "crm.people", new Dictionary<string, string> { ["customer_id"] = "cust_no", ["email"] = "Mail" }),
                MappedTable.OnTable(CustomerSchema.MergedCustomers, "crm.best_contacts"),
                MappedTable.OnTable(CustomerSchema.SuppressionList, "crm.optouts"),
            ]),
        };

        var problems = await TableMappingCheck.ProblemsAsync(engine);

        Assert.Equal(
            [
                "customer_360: crm.people has no column 'Mail' (for email); did you mean 'mail'?",
                "customer_360: crm.people has no column 'phone'.",
                "customer_360: column 'churn_risk' of crm.people holds String values; CampaignBot reads it as a number from 0 to 1: cast it in a view.",
                "customer_360: crm.people has no column 'idfa'.",
                "merged_customers: crm.best_contacts cannot be read: 42P01: relation \"crm.best_contacts\" does not exist",
            ],
            problems);
    }

    private async Task ExportAsync(string select, string path)
    {
        await using var connection = await _own.Engine.OpenAsync();
        await connection.ExecuteAsync(_own.Engine, new SqlStatement($"COPY ({select}) TO '{path}' (FORMAT parquet)", []));
    }

    private sealed class InsightsComparer : IEqualityComparer<SegmentInsights>
    {
        public static readonly InsightsComparer Instance = new();

        public bool Equals(SegmentInsights? x, SegmentInsights? y) =>
            (x!.Customers, x.AllCustomers, x.TotalLifetimeValue) == (y!.Customers, y.AllCustomers, y.TotalLifetimeValue)
            && x.ByLifecycleStatus.SequenceEqual(y.ByLifecycleStatus);

        public int GetHashCode(SegmentInsights obj) => obj.Customers.GetHashCode();
    }
}
