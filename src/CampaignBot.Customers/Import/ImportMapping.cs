using CampaignBot.Core.Text;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Import;

/// <summary>Which file column feeds which table column; checked once against the header.</summary>
internal sealed class ImportMapping
{
    private readonly int[] _sourceIndexes;

    private ImportMapping(IReadOnlyList<CustomerColumn> columns, int[] sourceIndexes, int width)
    {
        Columns = columns;
        _sourceIndexes = sourceIndexes;
        Width = width;
    }

    /// <summary>The table columns the file provides, customer_id first.</summary>
    public IReadOnlyList<CustomerColumn> Columns { get; }

    private int Width { get; }

    public static ImportMapping? From(IReadOnlyList<string> header, CustomerTable table, out string? problem)
    {
        problem = null;
        var columns = new List<CustomerColumn>();
        var indexes = new List<int>();
        var unknown = new List<string>();
        for (var i = 0; i < header.Count; i++)
        {
            var column = table.Find(header[i]);
            if (column is null)
            {
                unknown.Add(header[i]);
            }
            else if (columns.Contains(column))
            {
                problem = $"The header names {column.Name} twice.";
                return null;
            }
            else
            {
                columns.Add(column);
                indexes.Add(i);
            }
        }

        if (unknown.Count > 0)
        {
            problem = $"The header has columns {table.Name} does not: {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Its columns are {string.Join(", ", table.Columns.Select(c => c.Name))}.";
            return null;
        }

        var key = columns.IndexOf(table.Key);
        if (key < 0)
        {
            problem = $"The header has no {table.Key.Name} column; every row needs one.";
            return null;
        }

        // customer_id first keeps the staging table and the reports in a predictable shape.
        (columns[0], columns[key]) = (columns[key], columns[0]);
        (indexes[0], indexes[key]) = (indexes[key], indexes[0]);
        return new ImportMapping(columns, indexes.ToArray(), header.Count);
    }

    /// <summary>The row's typed values with one spare slot at the end for the line number, or null and why not.</summary>
    public object?[]? Read(SourceRow row, out string? reason)
    {
        reason = row.Problem;
        if (reason is not null)
        {
            return null;
        }

        if (row.FieldCount != Width)
        {
            reason = $"it has {Counted.Of(row.FieldCount, "field")}; the header has {Width}";
            return null;
        }

        var values = new object?[Columns.Count + 1];
        var problems = new List<string>();
        for (var i = 0; i < Columns.Count; i++)
        {
            if (ImportValues.TryRead(Columns[i], row.Values[_sourceIndexes[i]], out var value, out var problem))
            {
                values[i] = value;
            }
            else
            {
                problems.Add(problem);
            }
        }

        if (values[0] is null && problems.Count == 0)
        {
            problems.Add($"{Columns[0].Name} is empty");
        }

        reason = problems.Count > 0 ? string.Join("; ", problems) : null;
        return reason is null ? values : null;
    }
}
