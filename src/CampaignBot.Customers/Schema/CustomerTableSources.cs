namespace CampaignBot.Customers.Schema;

/// <summary>
/// Where each logical table's rows are read from: CampaignBot's own table of that name, or, when mapped
/// (<c>Customers:Tables</c>), the user's table, view or files. Every generated query names a customer table through
/// <see cref="From"/>, so segments, audiences, previews, explain and insights run on whichever it is.
/// </summary>
public sealed class CustomerTableSources
{
    private readonly Dictionary<string, MappedTable> _mapped;

    public CustomerTableSources(IEnumerable<MappedTable> mapped)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        _mapped = new Dictionary<string, MappedTable>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in mapped)
        {
            if (!_mapped.TryAdd(table.Table.Name, table))
            {
                throw new ArgumentException($"{table.Table.Name} is mapped twice.", nameof(mapped));
            }
        }
    }

    /// <summary>Nothing mapped: every table is CampaignBot's own.</summary>
    public static CustomerTableSources Own { get; } = new([]);

    public IReadOnlyCollection<MappedTable> Mapped => _mapped.Values;

    public bool AnyMapped => _mapped.Count > 0;

    /// <summary>What to write after FROM or JOIN for <paramref name="table"/> (an alias follows).</summary>
    public string From(CustomerTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return _mapped.TryGetValue(table.Name, out var mapped) ? mapped.From : table.Name;
    }

    /// <summary>
    /// What to write after INSERT for rows of <paramref name="table"/> in the given column order: CampaignBot's own
    /// table, or the user's mapped table with its own column names. Parquet files take no rows (refused when mapped).
    /// </summary>
    public string InsertInto(CustomerTable table, IEnumerable<CustomerColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var mapped = _mapped.GetValueOrDefault(table.Name);
        var names = columns.Select(c => Engine.SqlBuilder.Quote(mapped is null ? c.Name : mapped.Columns[c.Name]));
        return $"INTO {(mapped is null ? table.Name : mapped.Relation)} ({string.Join(", ", names)})";
    }

    public MappedTable? MappingOf(string table) => _mapped.GetValueOrDefault(table);

    public bool IsMapped(string table) => _mapped.ContainsKey(table);
}
