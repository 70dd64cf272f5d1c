using System.Data.Common;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Import;

/// <summary>
/// Makes the checked rows of the loading table the table's, all at once: a replacement swaps the loaded table in;
/// an upsert or append changes the table inside one transaction where the engine has them, and otherwise builds
/// the whole new table beside the old one and swaps it in, so readers see the table before or after, never between.
/// </summary>
internal sealed class ImportApply(CustomerEngine engine, ImportTarget target, string loaded, ImportChecks checks)
{
    private string Live => target.Name;

    private IReadOnlyList<CustomerColumn> Columns => target.Table.Columns;

    public async Task ApplyAsync(DbConnection connection, ImportMode mode, IReadOnlyList<CustomerColumn> provided, CancellationToken cancellationToken)
    {
        if (mode == ImportMode.Replace)
        {
            await engine.ReplaceTablesAsync(connection, [(Live, loaded)], cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var transaction = await engine.BeginTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (transaction is null)
        {
            await RebuildAsync(connection, mode, provided, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (engine.ExclusiveLock(Live) is { } lockTable)
        {
            await connection.ExecuteAsync(engine, lockTable, transaction, cancellationToken).ConfigureAwait(false);
        }

        if (mode == ImportMode.Upsert && Updated(provided) is { Count: > 0 } updated)
        {
            var set = string.Join(", ", updated.Select(c => $"{SqlBuilder.Quote(c.Name)} = {SqlBuilder.Qualified(c, "s")}"));
            await connection.ExecuteAsync(engine, $"UPDATE {Live} SET {set} FROM {loaded} s WHERE {checks.Matching(Live, "s")}", transaction, cancellationToken)
                .ConfigureAwait(false);
        }

        // Appending, every key is new (checked); upserting, the keys already there were just updated.
        var names = List(Columns, null);
        var newRows = mode == ImportMode.Append ? "" : $" LEFT JOIN {Live} l ON {checks.Matching("s", "l")} WHERE {NeverNull("l")} IS NULL";
        await connection.ExecuteAsync(engine, $"INSERT INTO {Live} ({names}) SELECT {List(Columns, "s")} FROM {loaded} s{newRows}", transaction, cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    // Without transactions (ClickHouse): the new table is built whole, then exchanged for the old one.
    private async Task RebuildAsync(DbConnection connection, ImportMode mode, IReadOnlyList<CustomerColumn> provided, CancellationToken cancellationToken)
    {
        var rebuilt = Live + "_rebuilt";
        await engine.DropTableAsync(connection, rebuilt, cancellationToken: cancellationToken).ConfigureAwait(false);
        await engine.CreateTableAsync(connection, CustomerTables.ShapeOf(target.Table, rebuilt), cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var names = List(Columns, null);
            if (mode == ImportMode.Append)
            {
                await connection.ExecuteAsync(engine, $"INSERT INTO {rebuilt} ({names}) SELECT {List(Columns, "l")} FROM {Live} l", cancellationToken: cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(engine, $"INSERT INTO {rebuilt} ({names}) SELECT {List(Columns, "s")} FROM {loaded} s", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Stored rows, with the file's values where the file has the key; then the file's new keys.
                var updated = Updated(provided);
                var kept = string.Join(", ", Columns.Select(c => updated.Contains(c)
                    ? $"CASE WHEN {NeverNull("s")} IS NULL THEN {SqlBuilder.Qualified(c, "l")} ELSE {SqlBuilder.Qualified(c, "s")} END"
                    : SqlBuilder.Qualified(c, "l")));
                await connection.ExecuteAsync(engine,
                    $"INSERT INTO {rebuilt} ({names}) SELECT {kept} FROM {Live} l {checks.Join("LEFT JOIN")} {loaded} s ON {checks.Matching("l", "s")}",
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                await connection.ExecuteAsync(engine,
                    $"INSERT INTO {rebuilt} ({names}) SELECT {List(Columns, "s")} FROM {loaded} s {checks.Join("LEFT JOIN")} {Live} l ON {checks.Matching("s", "l")} WHERE {NeverNull("l")} IS NULL",
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await engine.ReplaceTablesAsync(connection, [(Live, rebuilt)], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await engine.DropTableAsync(connection, rebuilt, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }

    // The columns an upsert overwrites: those the file has, its key aside.
    private List<CustomerColumn> Updated(IReadOnlyList<CustomerColumn> provided) => [.. provided.Where(c => !target.Key.Contains(c))];

    private string NeverNull(string alias) => SqlBuilder.Qualified(target.AlwaysFilled, alias);

    private static string List(IReadOnlyList<CustomerColumn> columns, string? alias) =>
        string.Join(", ", columns.Select(c => alias is null ? SqlBuilder.Quote(c.Name) : SqlBuilder.Qualified(c, alias)));
}
