using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using ClickHouse.Driver;

namespace CampaignBot.Customers.Tests.Engines;

/// <summary>
/// Without node connection strings the engine changes tables through ON CLUSTER statements. chDB (the test bed)
/// has no distributed DDL queue and refuses them after parsing, with code 392; a statement ClickHouse could not
/// parse would fail with a syntax error (62) instead, so each is at least well formed.
/// </summary>
public sealed class ClickHouseOnClusterTests : IAsyncLifetime
{
    private ClickHouseDatabase? _database;
    private ClickHouseEngine? _onCluster;

    public async Task InitializeAsync()
    {
        _database = await ClickHouseDatabase.CreateAsync();
        _onCluster = new ClickHouseEngine(_database.Engine.Cluster with { NodeConnectionStrings = [] });

        // Made node by node: a DELETE looks for its table before it looks at ON CLUSTER.
        await new ListMemberships(_database.Engine).EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_onCluster is not null)
        {
            await _onCluster.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public static TheoryData<string> Changes => ["create", "drop", "replace", "delete"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Table_changes_go_to_every_node_as_well_formed_ON_CLUSTER_statements(string change)
    {
        var engine = _onCluster!;
        await using var connection = await engine.OpenAsync();
        Func<Task> run = change switch
        {
            "create" => () => engine.CreateTableAsync(connection, CustomerTables.Shape(CustomerSchema.Customer360)),
            "drop" => () => engine.DropTableAsync(connection, CustomerSchema.Customer360.Name),
            "replace" => () => engine.ReplaceTablesAsync(connection, [(CustomerSchema.Customer360.Name, "customer_360_generated")]),
            _ => () => engine.DeleteAsync(connection, ListMemberships.Table, _ => new SqlBuilder(engine).Sql("list_key = ").Value("spring.0.0.meta").Build()),
        };

        var refused = await Assert.ThrowsAsync<ClickHouseServerException>(run);

        Assert.StartsWith("Code: 392. DB::Exception: Replicated DDL queries are disabled.", refused.Message, StringComparison.Ordinal);
    }
}
