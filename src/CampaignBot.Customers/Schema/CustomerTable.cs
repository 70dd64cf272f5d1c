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

    /// <summary>The column a mistyped name most likely meant ("lifetim_value" → lifetime_value), or null when none is close.</summary>
    public string? Closest(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var wanted = typed.Trim().ToLowerInvariant();
        var best = Columns.Select(c => (c.Name, Distance: EditDistance(wanted, c.Name))).MinBy(c => c.Distance);
        return best.Distance <= Math.Max(2, wanted.Length / 3) ? best.Name : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
