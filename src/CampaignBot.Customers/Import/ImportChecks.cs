using System.Data.Common;
using System.Globalization;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Import;

/// <summary>
/// The checks over the whole file, run in the engine on the loaded rows: an entry listed twice, and (when
/// appending) an entry already in the table. They count the rows and name the first keys; the lines of those keys
/// are then found in the file (<see cref="LineFinder"/>), which is read again only when a check fails.
/// </summary>
internal sealed class ImportChecks(CustomerEngine engine, ImportTarget target, string loaded)
{
    /// <summary>Each key the file holds more than once (the first few), and how many rows repeat an earlier one.</summary>
    public async Task<(IReadOnlyList<string> Keys, long ExtraRows)> DuplicatesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var keys = target.KeySql("s");
        var groups = $"SELECT count(*) AS n FROM {loaded} s GROUP BY {string.Join(", ", keys)} HAVING count(*) > 1";
        var extra = await connection.ScalarAsync<long>(engine, new SqlStatement($"SELECT CAST(COALESCE(sum(d.n - 1), 0) AS {engine.TypeOf(ColumnType.Integer)}) FROM ({groups}) d", []), cancellationToken).ConfigureAwait(false);
        if (extra == 0)
        {
            return ([], 0);
        }

        var listed = await KeysAsync(connection, $"SELECT {Selected(keys)} FROM {loaded} s GROUP BY {string.Join(", ", keys)} HAVING count(*) > 1", cancellationToken).ConfigureAwait(false);
        return (listed, extra);
    }

    /// <summary>The loaded rows whose key the table already holds (the first few keys), and how many there are.</summary>
    public async Task<(IReadOnlyList<string> Keys, long Rows)> AlreadyStoredAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // A table that may hold a key twice (suppressions, orders) has its keys made distinct first.
        var join = target.StoredKeysAreUnique
            ? $"FROM {loaded} s {Join("JOIN")} {target.Name} l ON {Matching("s", "l")}"
            : $"FROM {loaded} s {Join("JOIN")} (SELECT DISTINCT {Selected(target.KeySql("l"))} FROM {target.Name} l) l ON {Matching("s", "l", aliased: true)}";
        var rows = await connection.ScalarAsync<long>(engine, new SqlStatement($"SELECT count(*) {join}", []), cancellationToken).ConfigureAwait(false);
        if (rows == 0)
        {
            return ([], 0);
        }

        var listed = await KeysAsync(connection, $"SELECT DISTINCT {Selected(target.KeySql("s"))} {join}", cancellationToken).ConfigureAwait(false);
        return (listed, rows);
    }

    /// <summary>
    /// <paramref name="keyword"/> for joining the loaded rows to the table: plain when a key's rows share a shard (a
    /// sharded engine joins each shard's own rows), computed once and sent to every shard otherwise.
    /// </summary>
    public string Join(string keyword) => target.KeyStaysOnOneShard ? keyword : engine.Global(keyword);

    /// <summary>The condition that two rows (aliased) have the same key.</summary>
    /// <param name="aliased">The right side is a derived table whose key columns are named k0, k1, ….</param>
    public string Matching(string left, string right, bool aliased = false)
    {
        var leftKeys = target.KeySql(left);
        var rightKeys = aliased ? leftKeys.Select((_, i) => $"{right}.{KeyName(i)}").ToList() : target.KeySql(right);
        return string.Join(" AND ", leftKeys.Select((k, i) => $"{k} = {rightKeys[i]}"));
    }

    private static string Selected(IReadOnlyList<string> keys) => string.Join(", ", keys.Select((k, i) => $"{k} AS {KeyName(i)}"));

    private static string KeyName(int index) => "k" + index.ToString(CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<string>> KeysAsync(DbConnection connection, string select, CancellationToken cancellationToken)
    {
        var order = string.Join(", ", target.Key.Select((_, i) => KeyName(i)));
        var limit = ImportReport.MaxListedProblems.ToString(CultureInfo.InvariantCulture);
        await using var command = connection.CreateCommand(engine, new SqlStatement($"SELECT * FROM ({select}) x ORDER BY {order} LIMIT {limit}", []));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(target.KeyOf([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetString(i))]));
        }

        return keys;
    }
}
