using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Import;

/// <summary>
/// What an import into one table must satisfy: the columns every row needs, and the key that says two rows are the
/// same entry (a customer in the customer tables; an order in transactions; a customer id or address and a channel
/// in suppressions). An import never holds two rows with the same key, and appending never adds a key already stored.
/// </summary>
public sealed class ImportTarget
{
    private readonly Dictionary<string, int> _indexes;
    private readonly int[] _keyIndexes;
    private readonly int[] _lowerCased;

    private ImportTarget(CustomerTable table, IReadOnlyList<string> key, IReadOnlyList<RowNeed> needs, bool keyIgnoresCase = false, bool storedKeysAreUnique = false, IReadOnlyList<string>? lowerCased = null)
    {
        Table = table;
        _indexes = table.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        Key = [.. key.Select(Column)];
        _keyIndexes = [.. key.Select(Index)];
        Needs = needs;
        KeyIgnoresCase = keyIgnoresCase;
        StoredKeysAreUnique = storedKeysAreUnique;
        _lowerCased = [.. (lowerCased ?? []).Select(Index)];
        AlwaysFilled = needs.First(n => n.AnyOf.Count == 1).AnyOf[0];

        // Rows with the same key share a shard when the table is spread by customer id and the key holds it as stored.
        KeyStaysOnOneShard = CustomerTables.ShapeOf(table).ByCustomer && !keyIgnoresCase && key.Contains(TableShape.CustomerKey);
    }

    public static ImportTarget Customer360 { get; } = ByCustomer(CustomerSchema.Customer360);

    public static ImportTarget MergedCustomers { get; } = ByCustomer(CustomerSchema.MergedCustomers);

    public static ImportTarget Suppressions { get; } = new(
        CustomerSchema.SuppressionList,
        key: ["customer_id", "email", "channel"],
        needs:
        [
            new RowNeed([CustomerSchema.SuppressionList.Find("channel")!],
                "there is no channel column; every suppression says which channel it holds for (email, sms, ... or all)",
                "empty; say which channel it holds for (email, sms, ... or all)"),
            new RowNeed([CustomerSchema.SuppressionList.Find("customer_id")!, CustomerSchema.SuppressionList.Find("email")!],
                "there is neither a customer_id nor an email column; a suppression names a customer, an address or both",
                "neither customer_id nor email is set; a suppression needs one of them"),
        ],
        keyIgnoresCase: true,
        lowerCased: ["channel"]);

    /// <summary>Orders by order id: results count each order once in the window after a send (docs/results.md).</summary>
    public static ImportTarget Transactions { get; } = new(
        CustomerSchema.TransactionList,
        key: ["order_id"],
        needs: [.. new[] { "customer_id", "order_id", "ordered_at", "amount" }.Select(c => RowNeed.Column(CustomerSchema.TransactionList, c))]);

    public static IReadOnlyList<ImportTarget> All { get; } = [Customer360, MergedCustomers, Suppressions, Transactions];

    public CustomerTable Table { get; }

    /// <summary>The columns that identify an entry; an import never holds two rows with the same key.</summary>
    public IReadOnlyList<CustomerColumn> Key { get; }

    /// <summary>What every row must fill.</summary>
    public IReadOnlyList<RowNeed> Needs { get; }

    /// <summary>
    /// The key's parts may be empty and compare without case (an address and a channel); otherwise every part is set
    /// (a need) and compares exactly.
    /// </summary>
    public bool KeyIgnoresCase { get; }

    /// <summary>The stored table holds each key once (one row per customer), so a join to it need not make its keys distinct first.</summary>
    public bool StoredKeysAreUnique { get; }

    /// <summary>
    /// Two rows with the same key are always on the same shard of a sharded engine, so the loaded rows join the table
    /// shard by shard; otherwise the join is computed once and sent to every shard.
    /// </summary>
    public bool KeyStaysOnOneShard { get; }

    /// <summary>A column every stored row fills: after a LEFT JOIN it is NULL only where nothing matched.</summary>
    public CustomerColumn AlwaysFilled { get; }

    public string Name => Table.Name;

    public static ImportTarget? Find(string? table) =>
        All.FirstOrDefault(t => string.Equals(t.Name, table?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>What the header lacks, as sentences; empty when the file can fill the table.</summary>
    public IEnumerable<string> MissingFromHeader(IReadOnlyCollection<CustomerColumn> columns) =>
        Needs.Where(n => !n.AnyOf.Any(columns.Contains)).Select(n => n.HeaderLacks);

    /// <summary>Why a row whose values all read well still cannot go in, or null. Values are in table column order.</summary>
    public ImportProblem? RowProblem(long line, object?[] values, Func<CustomerColumn, string> fileName)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(fileName);
        var unmet = Needs.FirstOrDefault(n => n.AnyOf.All(c => values[Index(c.Name)] is null));
        return unmet is null ? null : new ImportProblem(line, unmet.AnyOf.Count == 1 ? fileName(unmet.AnyOf[0]) : null, unmet.RowLacks);
    }

    /// <summary>
    /// Values stored the way the engine's reads compare them: a suppression's channel in lower case, as the audience
    /// SQL compares <c>lower(trim(channel))</c>.
    /// </summary>
    public void Normalize(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var i in _lowerCased)
        {
            if (values[i] is string text)
            {
                values[i] = text.ToLowerInvariant();
            }
        }
    }

    /// <summary>The key of a row as one comparable text; the SQL checks compare <see cref="KeySql"/> the same way.</summary>
    public string KeyOf(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (_keyIndexes.Length == 1 && !KeyIgnoresCase)
        {
            return (string)values[_keyIndexes[0]]!;
        }

        return string.Join('\u001f', _keyIndexes.Select(i => KeyIgnoresCase ? (values[i] as string ?? "").ToLowerInvariant() : (string)values[i]!));
    }

    /// <summary>
    /// SQL for the key of the row aliased <paramref name="alias"/>: the key's columns, or, when the key ignores case,
    /// each part in lower case with empty for missing, so NULLs compare equal as they do in <see cref="KeyOf"/>.
    /// </summary>
    public IReadOnlyList<string> KeySql(string alias) =>
        [.. Key.Select(k => KeyIgnoresCase ? $"lower(COALESCE({SqlBuilder.Qualified(k, alias)}, ''))" : SqlBuilder.Qualified(k, alias))];

    /// <summary>The key as read back from <see cref="KeySql"/> columns, in <see cref="KeyOf"/>'s form.</summary>
    public string KeyOf(IReadOnlyList<string> parts) => string.Join('\u001f', parts);

    /// <summary>The key in words for a problem: "customer_id" or "customer_id, email and channel".</summary>
    public string KeyWords => Key.Count == 1 ? Key[0].Name : $"{string.Join(", ", Key.Take(Key.Count - 1).Select(k => k.Name))} and {Key[^1].Name}";

    // The customer tables: one row per customer id, which every row needs.
    private static ImportTarget ByCustomer(CustomerTable table) =>
        new(table, key: [table.Key.Name], needs: [RowNeed.Column(table, table.Key.Name)], storedKeysAreUnique: true);

    private CustomerColumn Column(string name) => Table.Find(name)!;

    private int Index(string name) => _indexes[name];
}
