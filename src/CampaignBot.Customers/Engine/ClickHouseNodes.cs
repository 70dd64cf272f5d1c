using System.Data.Common;
using ClickHouse.Driver.ADO;

namespace CampaignBot.Customers.Engine;

/// <summary>
/// Runs the statements that change every node's own tables (create, drop, exchange, delete): as one ON CLUSTER
/// statement through the cluster's distributed DDL queue, or on each configured node in turn for a cluster without
/// distributed DDL (it needs ClickHouse Keeper, which chDB, the test bed, does not run).
/// </summary>
internal sealed class ClickHouseNodes(string clusterName, IReadOnlyList<ClickHouseDataSource> nodes) : IAsyncDisposable
{
    /// <summary>The clause that sends a statement to every node, to write after the table name; empty when run node by node.</summary>
    public string OnCluster => nodes.Count == 0 ? $" ON CLUSTER {ClickHouseEngine.Literal(clusterName)}" : "";

    /// <summary>Runs <paramref name="statement"/>, given <see cref="OnCluster"/>, on every node.</summary>
    public async Task RunAsync(CustomerEngine engine, DbConnection initiator, Func<string, SqlStatement> statement, CancellationToken cancellationToken)
    {
        if (nodes.Count == 0)
        {
            await initiator.ExecuteAsync(engine, statement(OnCluster), cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var node in nodes)
        {
            await using var connection = await node.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(engine, statement(""), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }
}
