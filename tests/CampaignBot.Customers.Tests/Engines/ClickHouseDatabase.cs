using CampaignBot.Customers.Engine;
using ClickHouse.Driver.ADO;

namespace CampaignBot.Customers.Tests.Engines;

/// <summary>
/// A fresh database on every node of the two-shard ClickHouse cluster scripts/test.sh starts
/// (CAMPAIGNBOT_TEST_CLICKHOUSE, …_NODES and …_CLUSTER), dropped afterwards.
/// </summary>
public sealed class ClickHouseDatabase : IAsyncDisposable
{
    public const string Variable = "CAMPAIGNBOT_TEST_CLICKHOUSE";
    private readonly string _name = $"cb_{Guid.NewGuid():N}";
    private readonly IReadOnlyList<string> _servers;

    private ClickHouseDatabase(string server, IReadOnlyList<string> nodes, string cluster)
    {
        _servers = nodes;
        Nodes = nodes.Select(n => InDatabase(n, _name)).ToList();
        Engine = new ClickHouseEngine(new ClickHouseCluster { ConnectionString = InDatabase(server, _name), Name = cluster, NodeConnectionStrings = Nodes });
    }

    public ClickHouseEngine Engine { get; }

    /// <summary>Each shard's node, in this database: to read what one shard holds.</summary>
    public IReadOnlyList<string> Nodes { get; }

    public static async Task<ClickHouseDatabase> CreateAsync()
    {
        var database = new ClickHouseDatabase(Required(Variable), Required(Variable + "_NODES").Split(' ', StringSplitOptions.RemoveEmptyEntries), Required(Variable + "_CLUSTER"));
        foreach (var server in database._servers)
        {
            await ExecuteAsync(server, $"CREATE DATABASE {database._name}");
        }

        return database;
    }

    /// <summary>Runs a statement on one node (its own tables), returning the first value of the first row, if any.</summary>
    public static async Task<object?> ScalarOnNodeAsync(string node, string sql)
    {
        await using var connection = new ClickHouseConnection(node);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        foreach (var server in _servers)
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {_name} SYNC");
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new ClickHouseConnection(server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static string InDatabase(string server, string database) => new ClickHouseConnectionStringBuilder(server) { Database = database }.ToString();

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set, so there is no ClickHouse cluster to work on. scripts/test.sh starts one; otherwise run the command "
                + "under scripts/servers/with-clickhouse.sh, e.g. `scripts/servers/with-clickhouse.sh dotnet test tests/CampaignBot.Customers.Tests -c Release --filter FullyQualifiedName~ClickHouse`.");
}
