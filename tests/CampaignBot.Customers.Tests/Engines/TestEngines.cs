using CampaignBot.Customers.Engine;
using Npgsql;

namespace CampaignBot.Customers.Tests.Engines;

/// <summary>A DuckDB file of its own, deleted afterwards.</summary>
public sealed class DuckDbFile : IAsyncDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"campaignbot-test-{Guid.NewGuid():N}.duckdb");

    /// <param name="tables">Where the customer tables are read from; the engine's own tables by default.</param>
    public DuckDbFile(CampaignBot.Customers.Schema.CustomerTableSources? tables = null) =>
        Engine = new DuckDbEngine(_path) { Tables = tables ?? CampaignBot.Customers.Schema.CustomerTableSources.Own };

    public DuckDbEngine Engine { get; }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        foreach (var file in new[] { _path, _path + ".wal" })
        {
            File.Delete(file);
        }
    }
}

/// <summary>
/// A fresh database on the PostgreSQL server scripts/test.sh starts (CAMPAIGNBOT_TEST_POSTGRES), dropped afterwards.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "CAMPAIGNBOT_TEST_POSTGRES";
    private readonly string _server;
    private readonly string _name = $"cb_{Guid.NewGuid():N}";
    private readonly NpgsqlDataSource _dataSource;

    private PostgresDatabase(string server)
    {
        _server = server;
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString);
        Engine = new PostgresEngine(_dataSource);
    }

    public PostgresEngine Engine { get; }

    /// <summary>The database's connection string, for a second engine over the same database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    /// <param name="linguisticCollation">
    /// Creates the database with ICU's en-US collation ("a" &lt; "B" &lt; "b") instead of the server's C
    /// locale, so a query that relies on the default collation for binary order shows it.
    /// </param>
    public static async Task<PostgresDatabase> CreateAsync(bool linguisticCollation = false)
    {
        var server = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException($"{Variable} is not set: run the tests through scripts/test.sh, which starts PostgreSQL.");
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        var database = new PostgresDatabase(server);
        var collation = linguisticCollation ? " TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'" : "";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database._name}{collation}", connection);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
