using System.Data.Common;

namespace CampaignBot.Customers.Engine;

/// <summary>
/// Creating, replacing and deleting from tables: one statement each in DuckDB and PostgreSQL, one per shard (or one
/// ON CLUSTER statement) in an engine whose tables are spread over shards.
/// </summary>
public abstract partial class CustomerEngine
{
    /// <summary>Creates the table unless it exists; existing data is left alone.</summary>
    public virtual Task CreateTableAsync(DbConnection connection, TableShape table, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var columns = table.Columns.Select(c => $"{SqlBuilder.Quote(c.Name)} {TypeOf(c.Type)}{(c.Required ? " NOT NULL" : "")}");
        return connection.ExecuteAsync(this, $"CREATE {(table.Temporary ? "TEMPORARY " : "")}TABLE IF NOT EXISTS {table.Name} ({string.Join(", ", columns)})", transaction, cancellationToken);
    }

    public virtual Task DropTableAsync(DbConnection connection, string table, DbTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(this, $"DROP TABLE IF EXISTS {table}", transaction, cancellationToken);

    /// <summary>
    /// Puts freshly filled tables in the place of live ones, so readers see the old data or the new, never a mix;
    /// the fresh names are gone afterwards. Here in one short transaction.
    /// </summary>
    public virtual async Task ReplaceTablesAsync(DbConnection connection, IReadOnlyList<(string Live, string Fresh)> tables, CancellationToken cancellationToken = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (live, fresh) in tables)
        {
            await connection.ExecuteAsync(this, $"DROP TABLE {live}", transaction, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(this, $"ALTER TABLE {fresh} RENAME TO {live}", transaction, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the rows of <paramref name="table"/> that match the condition. The condition gets each table's name
    /// from its argument: where tables are spread over shards, every shard deletes from its own part, reading the
    /// shard's own part of the tables the condition names, so those must be sharded by customer like the target.
    /// </summary>
    public virtual Task DeleteAsync(
        DbConnection connection, string table, Func<Func<string, string>, SqlStatement> condition, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var where = condition(name => name);
        return connection.ExecuteAsync(this, where with { Text = $"DELETE FROM {table} WHERE {where.Text}" }, transaction, cancellationToken);
    }

    /// <summary>A transaction on the connection, or null from an engine without multi-statement transactions.</summary>
    public virtual async Task<DbTransaction?> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
}
