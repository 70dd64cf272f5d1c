using System.Net;
using System.Text;
using CampaignBot.Api.Tests.Campaigns;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Customers;
using CampaignBot.App.Imports;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Engines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CampaignBot.Api.Tests.Imports;

/// <summary>Customers:Tables: the service reads the user's own tables in place, checks them at start and never writes to them.</summary>
public sealed class MappedTablesTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    // The user's names: German tables and columns in a schema of their own, one of them behind a view.
    private static readonly Dictionary<string, (string Table, Dictionary<string, string> Columns)> Crm = new()
    {
        ["customer_360"] = ("crm.kunden", new() { ["customer_id"] = "kundennr", ["email"] = "e_mail", ["given_name"] = "vorname", ["surname"] = "nachname" }),
        ["merged_customers"] = ("crm.beste_kontakte_v", new() { ["customer_id"] = "kundennr", ["email"] = "adresse" }),
        ["suppressions"] = ("crm.sperren", new() { ["customer_id"] = "kundennr", ["email"] = "adresse", ["channel"] = "kanal", ["reason"] = "grund" }),
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-mapped-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_mapped_PostgreSQL_schema_with_its_own_table_and_column_names_previews_a_campaign_as_the_imported_copy_does()
    {
        var files = await DemoFilesAsync(3_000);
        await using var importedDatabase = await PostgresDatabase.CreateAsync();
        await using var mappedDatabase = await PostgresDatabase.CreateAsync();
        await LoadCrmSchemaAsync(mappedDatabase, files);

        await using var imported = new LifecycleHost(Settings(importedDatabase, mapped: false));
        using (var ada = imported.Client("ada"))
        {
            foreach (var (table, file) in files)
            {
                var import = await imported.Factory.FinishedAsync(ada, await ada.PostFileAsync($"table={table}&mode=replace", await File.ReadAllBytesAsync(file)));
                Assert.True(import.Status == ImportStatus.Succeeded, import.Failure);
            }
        }

        await using var mapped = new LifecycleHost(Settings(mappedDatabase, mapped: true));
        var onImported = await PreviewAsync(imported);
        var onMapped = await PreviewAsync(mapped);

        Assert.Equal(
            (onImported.Included, onImported.Excluded, onImported.Suppressed, onImported.Audience),
            (onMapped.Included, onMapped.Excluded, onMapped.Suppressed, onMapped.Audience));
        Assert.True(onMapped.Suppressed > 0 && onMapped.Excluded > 0, "the suppressions and the exclusion are read from the user's tables");
        Assert.Equal(3_000, await mapped.Factory.CustomersAsync());
        Assert.False(await TableExistsAsync(mappedDatabase, "public.customer_360"), "CampaignBot made no table of its own for a mapped one");
        using var admin = mapped.Client("ada");
        var refused = await (await admin.PostFileAsync("table=customer_360", "customer_id\nX1\n")).ProblemAsync(HttpStatusCode.Conflict);
        Assert.StartsWith("customer_360 is mapped onto crm.kunden (Customers:Tables), which CampaignBot reads in place and never writes to.", refused.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_DuckDB_service_on_a_mapped_table_generates_no_demo_customers_and_refuses_imports_into_it()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder, "data")).FullName;
        await using (var duck = new DuckDbEngine(Path.Combine(data, "customers.duckdb")))
        await using (var connection = await duck.OpenAsync())
        {
            var columns = string.Join(", ", CustomerSchema.Customer360.Columns.Select(c => $"{(c.Name == "customer_id" ? "cust_no" : c.Name)} {duck.TypeOf(c.Type)}"));
            await connection.ExecuteAsync(duck, new SqlStatement($"CREATE TABLE people ({columns}); INSERT INTO people (cust_no, email_opt_in) VALUES ('P1', true), ('P2', false)", []));
        }

        await using var factory = new CampaignBotFactory(new Dictionary<string, string?>
        {
            ["Customers:Tables:customer_360:Table"] = "people",
            ["Customers:Tables:customer_360:Columns:customer_id"] = "cust_no",
        }, dataFolder: data);
        using var ada = factory.ClientFor("ada");

        var refused = await (await ada.PostFileAsync("table=customer_360&mode=replace", "customer_id\nX1\n")).ProblemAsync(HttpStatusCode.Conflict);
        var merged = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=merged_customers", "customer_id,email\nP1,p1@example.com\n"));

        Assert.Contains("mapped onto people", refused.Detail(), StringComparison.Ordinal);
        Assert.Equal(2, await factory.CustomersAsync());
        Assert.Equal(ImportStatus.Succeeded, merged.Status);
        Assert.Equal(1, await factory.CustomersAsync(CustomerSchema.MergedCustomers));
    }

    [Fact]
    public async Task A_mapping_that_does_not_fit_the_engine_stops_the_service_naming_every_missing_table_and_column()
    {
        await using var duck = new DuckDbFile(new CustomerTableSources(
        [
            MappedTable.OnTable(CustomerSchema.Customer360, "people", new Dictionary<string, string> { ["customer_id"] = "cust_no" }),
            MappedTable.OnTable(CustomerSchema.SuppressionList, "crm_optouts"),
        ]));
        await using (var connection = await duck.Engine.OpenAsync())
        {
            await connection.ExecuteAsync(duck.Engine, new SqlStatement("CREATE TABLE people (cust_no VARCHAR, email VARCHAR, order_count VARCHAR)", []));
        }

        var check = new CustomerTablesCheck(duck.Engine, NullLogger<CustomerTablesCheck>.Instance);

        var stopped = await Assert.ThrowsAsync<InvalidOperationException>(() => check.StartAsync(CancellationToken.None));

        Assert.StartsWith("Customers:Tables does not fit the customer engine (22 problems):", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("  - customer_360: people has no column 'given_name'.", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("  - customer_360: column 'order_count' of people holds String values; CampaignBot reads it as a whole number: cast it in a view.", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("  - suppressions: crm_optouts cannot be read: Catalog Error: Table with name crm_optouts does not exist!", stopped.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Customers:Tables:transactions:Table", "sales", "Customers:Tables:transactions: transactions is reserved for purchase history, which CampaignBot does not read yet; remove the entry.")]
    [InlineData("Customers:Tables:customers:Table", "crm.people", "Customers:Tables:customers: there is no table 'customers' to map; map customer_360, merged_customers, suppressions.")]
    [InlineData("Customers:Tables:customer_360:Table", "crm.people; DROP TABLE x", "Customers:Tables:customer_360:Table is 'crm.people; DROP TABLE x'; write a table or view name such as customers or crm.customers_v.")]
    [InlineData("Customers:Tables:customer_360:Columns:customer_id", "cust_no", "Customers:Tables:customer_360: give either Table (an existing table or view) or Parquet (DuckDB: files read in place), not neither.")]
    [InlineData("Customers:Tables:customer_360:Tabel", "people", "Customers:Tables:customer_360:Tabel is not a setting; did you mean Customers:Tables:customer_360:Table?")]
    public void Mapping_settings_that_cannot_work_stop_the_service_with_the_key_named(string key, string value, string message)
    {
        var failure = StartupValidation.Failure(new Dictionary<string, string?> { [key] = value }, services => services.AddCustomerEngine());

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parquet_is_duckdb_only_and_clickhouse_maps_nothing()
    {
        var postgres = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Customers:Engine"] = "postgres", ["Customers:PostgresConnectionString"] = "Host=127.0.0.1", ["Customers:Tables:customer_360:Parquet"] = "/data/people",
        }, services => services.AddCustomerEngine());
        var clickHouse = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Customers:Engine"] = "clickhouse", ["Customers:ClickHouseConnectionString"] = "Host=ch1", ["Customers:ClickHouseCluster"] = "c",
            ["Customers:Tables:customer_360:Table"] = "people",
        }, services => services.AddCustomerEngine());

        Assert.Contains("Customers:Tables:customer_360:Parquet works with duckdb only; with postgres, map a table or view (Table).", postgres.Message, StringComparison.Ordinal);
        Assert.Contains("Customers:Tables:customer_360: mapping onto existing tables works with duckdb and postgres;", clickHouse.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(PostgresDatabase database, bool mapped)
    {
        var settings = new Dictionary<string, string?>(CampaignPreviewApiTests.WithKlaviyo)
        {
            ["Customers:Engine"] = "postgres",
            ["Customers:PostgresConnectionString"] = database.ConnectionString,
        };
        foreach (var (table, (source, columns)) in mapped ? Crm : [])
        {
            settings[$"Customers:Tables:{table}:Table"] = source;
            foreach (var (logical, actual) in columns)
            {
                settings[$"Customers:Tables:{table}:Columns:{logical}"] = actual;
            }
        }

        return settings;
    }

    // The campaign id keys the split, so only the counts before the split compare across two services.
    private static async Task<PreviewView> PreviewAsync(LifecycleHost host)
    {
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(CampaignPreviewApiTests.Draft())).Id;
        return await (await maya.GetAsync($"/api/campaigns/{id}/preview")).ReadAsync<PreviewView>();
    }

    private async Task<Dictionary<string, string>> DemoFilesAsync(int customers)
    {
        await using var duck = new DuckDbFile();
        await new DemoDataGenerator(duck.Engine).GenerateAsync(customers, AsOf);
        var files = new Dictionary<string, string>();
        foreach (var table in CustomerSchema.DataTables)
        {
            files[table.Name] = Path.Combine(_folder, table.Name + ".csv");
            await duck.Engine.ExportCsvAsync(new SqlStatement($"SELECT * FROM {table.Name}", []), files[table.Name]);
        }

        return files;
    }

    // The user's schema, made and filled without CampaignBot: COPY of the same files into tables with other names.
    private static async Task LoadCrmSchemaAsync(PostgresDatabase database, Dictionary<string, string> files)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var engine = database.Engine;
        await Execute(connection, "CREATE SCHEMA crm");
        foreach (var table in CustomerSchema.DataTables)
        {
            var (name, renames) = Crm[table.Name];
            var stored = table == CustomerSchema.MergedCustomers ? "crm.kontakte" : name;
            string Column(CustomerColumn c) => renames.GetValueOrDefault(c.Name, c.Name);
            await Execute(connection, $"CREATE TABLE {stored} ({string.Join(", ", table.Columns.Select(c => $"{Column(c)} {engine.TypeOf(c.Type)}"))})");
            var header = (await File.ReadAllLinesAsync(files[table.Name]))[0].Split(',');
            var columns = string.Join(", ", header.Select(h => Column(table.Find(h)!)));
            await using (var writer = await connection.BeginTextImportAsync($"COPY {stored} ({columns}) FROM STDIN (FORMAT csv, HEADER true)"))
            {
                await writer.WriteAsync(await File.ReadAllTextAsync(files[table.Name], Encoding.UTF8));
            }

            if (stored != name)
            {
                await Execute(connection, $"CREATE VIEW {name} AS SELECT * FROM {stored}");
            }
        }
    }

    private static async Task<bool> TableExistsAsync(PostgresDatabase database, string table)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
