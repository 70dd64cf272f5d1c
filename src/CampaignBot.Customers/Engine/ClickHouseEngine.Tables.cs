using System.Data.Common;

namespace CampaignBot.Customers.Engine;

/// <summary>
/// Tables on a cluster: a MergeTree table named with <c>_local</c> on every node, under a Distributed table of the
/// plain name that reads all shards and spreads inserted rows by the sharding key.
/// </summary>
public sealed partial class ClickHouseEngine
{
    /// <summary>The shard's table under <paramref name="table"/>'s Distributed table.</summary>
    public static string Local(string table) => table + LocalSuffix;

    public override async Task CreateTableAsync(DbConnection connection, TableShape table, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Temporary)
        {
            // Scratch tables are shared by the cluster rather than the connection's: start empty.
            await DropTableAsync(connection, table.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var columns = string.Join(", ", table.Columns.Select(c => $"{SqlBuilder.Quote(c.Name)} {(c.Required ? TypeOf(c.Type) : $"Nullable({TypeOf(c.Type)})")}"));
        var required = table.Columns.Where(c => c.Required).Select(c => SqlBuilder.Quote(c.Name)).ToList();
        var sortedBy = required.Count > 0 ? $"({string.Join(", ", required)})" : "tuple()";
        var database = Literal(connection.Database);
        var shardingKey = table.ByCustomer ? RequireCustomerKey(table) : "rand()";
        await _nodes.RunAsync(this, connection, onCluster => new SqlStatement(
            $"CREATE TABLE IF NOT EXISTS {Local(table.Name)}{onCluster} ({columns}) ENGINE = {_cluster.TableEngine} ORDER BY {sortedBy}", []), cancellationToken).ConfigureAwait(false);
        await _nodes.RunAsync(this, connection, onCluster => new SqlStatement(
            $"CREATE TABLE IF NOT EXISTS {table.Name}{onCluster} AS {Local(table.Name)} ENGINE = Distributed({Literal(_cluster.Name)}, {database}, {Literal(Local(table.Name))}, {shardingKey})", []),
            cancellationToken).ConfigureAwait(false);
    }

    public override async Task DropTableAsync(DbConnection connection, string table, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await _nodes.RunAsync(this, connection, onCluster => new SqlStatement($"DROP TABLE IF EXISTS {table}{onCluster} SYNC", []), cancellationToken).ConfigureAwait(false);
        await _nodes.RunAsync(this, connection, onCluster => new SqlStatement($"DROP TABLE IF EXISTS {Local(table)}{onCluster} SYNC", []), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Exchanges each shard's tables (atomic per table and node), so the Distributed tables read the new rows; the old
    /// ones are dropped. Between the first exchange and the last a reader may see new and old tables side by side.
    /// </summary>
    public override async Task ReplaceTablesAsync(DbConnection connection, IReadOnlyList<(string Live, string Fresh)> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var (live, fresh) in tables)
        {
            await _nodes.RunAsync(this, connection, onCluster => new SqlStatement($"EXCHANGE TABLES {Local(fresh)} AND {Local(live)}{onCluster}", []), cancellationToken).ConfigureAwait(false);
        }

        foreach (var (_, fresh) in tables)
        {
            await DropTableAsync(connection, fresh, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    // A Distributed table takes no DELETE: each shard deletes from its own table (a lightweight delete, visible at once).
    public override Task DeleteAsync(
        DbConnection connection, string table, Func<Func<string, string>, SqlStatement> condition, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var where = condition(Local);
        return _nodes.RunAsync(this, connection, onCluster => where with { Text = $"DELETE FROM {Local(table)}{onCluster} WHERE {where.Text}" }, cancellationToken);
    }
}
