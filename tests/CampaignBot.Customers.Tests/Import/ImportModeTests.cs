using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Import;

/// <summary>Replace, upsert and append into each table, on DuckDB and PostgreSQL (ClickHouse: ClickHouseImportTests).</summary>
public sealed class ImportModeTests : IDisposable
{
    private readonly ImportFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_mode_leaves_each_table_as_it_says_on_DuckDB(string table, string mode)
    {
        await using var duck = new DuckDbFile();

        await ImportModeCases.RunAsync(duck.Engine, _files, table, mode);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_mode_leaves_each_table_as_it_says_on_PostgreSQL(string table, string mode)
    {
        await using var postgres = await PostgresDatabase.CreateAsync();

        await ImportModeCases.RunAsync(postgres.Engine, _files, table, mode);
    }

    public static TheoryData<string, string> Cases() => ImportModeCases.All();
}
