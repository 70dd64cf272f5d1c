namespace CampaignBot.Customers.Schema;

/// <summary>A table of the customer engine. Only names listed here ever reach generated SQL.</summary>
public sealed class CustomerTable
{
    private readonly Dictionary<string, CustomerColumn> _byName;

    public CustomerTable(string name, IReadOnlyList<CustomerColumn> columns)
    {
        Name = name;
        Columns = columns;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
    }

    public string Name { get; }

    /// <summary>The first column is the key: one row per customer id.</summary>
    public IReadOnlyList<CustomerColumn> Columns { get; }

    public CustomerColumn Key => Columns[0];

    public CustomerColumn? Find(string? name) => name is not null && _byName.TryGetValue(name.Trim(), out var column) ? column : null;
}
