using CampaignBot.App.Imports;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Api.Tests.Imports;

/// <summary>The same files sent to services on each customer engine: the same rows go in, and a bad file changes nothing on any of them.</summary>
public sealed class ImportEnginesTests
{
    [Theory]
    [InlineData("duckdb")]
    [InlineData("postgres")]
    [InlineData("clickhouse")]
    public async Task Each_engine_takes_a_replace_refuses_a_bad_file_unchanged_and_takes_an_append(string engine)
    {
        await using var database = await EngineDatabase.CreateAsync(engine);
        await using var factory = new CampaignBotFactory(database.Settings);
        using var ada = factory.ClientFor("ada");

        var replaced = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=customer_360&mode=replace", "customer_id,city,order_count\nK1,Reno,1\nK2,Elko,2\nK3,Ely,3\n"));
        var refused = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=customer_360&mode=upsert", "customer_id,order_count\nK1,7\nK2,many\nK1,8\n"));
        var afterRefusal = await factory.CustomersAsync();
        var appended = await factory.FinishedAsync(ada, await ada.PostFileAsync("table=customer_360&mode=append", "customer_id;city\nK4;Reno\n"));

        Assert.True(replaced.Status == ImportStatus.Succeeded, replaced.Failure);
        Assert.Equal(ImportStatus.Failed, refused.Status);
        Assert.Equal(
            [new ImportProblemView(3, "order_count", "not a whole number"), new ImportProblemView(4, "customer_id", "the same customer_id as line 2")],
            refused.Problems);
        Assert.Equal(3, afterRefusal);
        Assert.True(appended.Status == ImportStatus.Succeeded, appended.Failure);
        Assert.Equal(4, await factory.CustomersAsync());
    }

    /// <summary>A customer database of the test's own on the named engine, and the settings that point a service at it.</summary>
    private sealed class EngineDatabase : IAsyncDisposable
    {
        private readonly IAsyncDisposable? _database;

        private EngineDatabase(IAsyncDisposable? database, Dictionary<string, string?> settings) => (_database, Settings) = (database, settings);

        public Dictionary<string, string?> Settings { get; }

        public static async Task<EngineDatabase> CreateAsync(string engine)
        {
            switch (engine)
            {
                case "postgres":
                    var postgres = await PostgresDatabase.CreateAsync();
                    return new(postgres, new() { ["Customers:Engine"] = "postgres", ["Customers:PostgresConnectionString"] = postgres.ConnectionString });
                case "clickhouse":
                    var cluster = await ClickHouseDatabase.CreateAsync();
                    var settings = new Dictionary<string, string?>
                    {
                        ["Customers:Engine"] = "clickhouse",
                        ["Customers:ClickHouseConnectionString"] = cluster.Engine.Cluster.ConnectionString,
                        ["Customers:ClickHouseCluster"] = cluster.Engine.Cluster.Name,
                    };
                    foreach (var (node, i) in cluster.Nodes.Select((n, i) => (n, i)))
                    {
                        settings[$"Customers:ClickHouseNodeConnectionStrings:{i}"] = node;
                    }

                    return new(cluster, settings);
                default:
                    return new(null, []);
            }
        }

        public ValueTask DisposeAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
