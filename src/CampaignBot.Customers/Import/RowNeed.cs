using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Import;

/// <summary>
/// Columns of which every imported row must fill at least one (most needs are one column), and what to say when the
/// header has none of them or a row leaves them all empty.
/// </summary>
/// <param name="AnyOf">The columns; a row meets the need when one of them is set.</param>
/// <param name="HeaderLacks">The problem when the file has none of the columns.</param>
/// <param name="RowLacks">The problem when a row leaves them all empty.</param>
public sealed record RowNeed(IReadOnlyList<CustomerColumn> AnyOf, string HeaderLacks, string RowLacks)
{
    /// <summary>One column every row of <paramref name="table"/> fills, in the usual words.</summary>
    public static RowNeed Column(CustomerTable table, string name)
    {
        ArgumentNullException.ThrowIfNull(table);
        var column = table.Find(name) ?? throw new ArgumentException($"{table.Name} has no column {name}.", nameof(name));
        var article = "aeiou".Contains(column.Name[0], StringComparison.Ordinal) ? "an" : "a";
        return new RowNeed([column], $"there is no {column.Name} column; every row of {table.Name} needs one", $"empty; every row of {table.Name} needs {article} {column.Name}");
    }
}
