using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Import;

/// <summary>
/// What an import into one table must satisfy: the columns the file needs, what every row needs, and the key
/// that says two rows are the same entry (a customer in the customer tables; a customer id or address and a
/// channel in suppressions).
/// </summary>
public sealed class ImportTarget
{
    private readonly Dictionary<string, int> _indexes;

    private ImportTarget(CustomerTable table, IReadOnlyList<CustomerColumn> key, bool byCustomer)
    {
        Table = table;
        Key = key;
        ByCustomer = byCustomer;
        _indexes = table.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    public static ImportTarget Customer360 { get; } = new(CustomerSchema.Customer360, [CustomerSchema.Customer360.Key], byCustomer: true);

    public static ImportTarget MergedCustomers { get; } = new(CustomerSchema.MergedCustomers, [CustomerSchema.MergedCustomers.Key], byCustomer: true);

    public static ImportTarget Suppressions { get; } = new(
        CustomerSchema.SuppressionList,
        [.. new[] { "customer_id", "email", "channel" }.Select(c => CustomerSchema.SuppressionList.Find(c)!)],
        byCustomer: false);

    public static IReadOnlyList<ImportTarget> All { get; } = [Customer360, MergedCustomers, Suppressions];

    public CustomerTable Table { get; }

    /// <summary>The columns that identify an entry; an import never holds two rows with the same key.</summary>
    public IReadOnlyList<CustomerColumn> Key { get; }

    /// <summary>Rows belong to one customer each (see <see cref="TableShape.ByCustomer"/>).</summary>
    public bool ByCustomer { get; }

    public string Name => Table.Name;

    public static ImportTarget? Find(string? table) =>
        All.FirstOrDefault(t => string.Equals(t.Name, table?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>What the header lacks, as sentences; empty when the file can fill the table.</summary>
    public IEnumerable<string> MissingFromHeader(IReadOnlyCollection<CustomerColumn> columns)
    {
        if (ByCustomer)
        {
            if (!columns.Contains(Table.Key))
            {
                yield return $"there is no {Table.Key.Name} column; every row of {Name} needs one";
            }

            yield break;
        }

        if (!columns.Contains(Column("channel")))
        {
            yield return "there is no channel column; every suppression says which channel it holds for (email, sms, ... or all)";
        }

        if (!columns.Contains(Column("customer_id")) && !columns.Contains(Column("email")))
        {
            yield return "there is neither a customer_id nor an email column; a suppression names a customer, an address or both";
        }
    }

    /// <summary>Why a row whose values all read well still cannot go in, or null. Values are in table column order.</summary>
    public ImportProblem? RowProblem(long line, object?[] values, Func<CustomerColumn, string> fileName)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(fileName);
        if (ByCustomer)
        {
            return values[0] is null ? new ImportProblem(line, fileName(Table.Key), $"empty; every row of {Name} needs a {Table.Key.Name}") : null;
        }

        if (values[Index("channel")] is null)
        {
            return new ImportProblem(line, fileName(Column("channel")), "empty; say which channel it holds for (email, sms, ... or all)");
        }

        return values[Index("customer_id")] is null && values[Index("email")] is null
            ? new ImportProblem(line, null, "neither customer_id nor email is set; a suppression needs one of them")
            : null;
    }

    /// <summary>
    /// Values stored the way the engine's reads compare them: a suppression's channel in lower case, as the audience
    /// SQL compares <c>lower(trim(channel))</c>.
    /// </summary>
    public void Normalize(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!ByCustomer && values[Index("channel")] is string channel)
        {
            values[Index("channel")] = channel.ToLowerInvariant();
        }
    }

    /// <summary>The key of a row as one comparable text; the SQL checks compare <see cref="KeySql"/> the same way.</summary>
    public string KeyOf(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return ByCustomer
            ? (string)values[0]!
            : string.Join('\u001f', Key.Select(k => (values[Index(k.Name)] as string ?? "").ToLowerInvariant()));
    }

    /// <summary>
    /// SQL for the key of the row aliased <paramref name="alias"/>: the customer id, or the suppression's parts with
    /// empty for missing and addresses in lower case, so NULLs compare equal as they do in <see cref="KeyOf"/>.
    /// </summary>
    public IReadOnlyList<string> KeySql(string alias) =>
        ByCustomer
            ? [SqlBuilder.Qualified(Table.Key, alias)]
            : [.. Key.Select(k => $"lower(COALESCE({SqlBuilder.Qualified(k, alias)}, ''))")];

    /// <summary>The key as read back from <see cref="KeySql"/> columns, in <see cref="KeyOf"/>'s form.</summary>
    public string KeyOf(IReadOnlyList<string> parts) => ByCustomer ? parts[0] : string.Join('\u001f', parts);

    /// <summary>The key in words for a problem: "customer_id" or "customer_id, email and channel".</summary>
    public string KeyWords => Key.Count == 1 ? Key[0].Name : $"{string.Join(", ", Key.Take(Key.Count - 1).Select(k => k.Name))} and {Key[^1].Name}";

    private CustomerColumn Column(string name) => Table.Find(name)!;

    private int Index(string name) => _indexes[name];
}
