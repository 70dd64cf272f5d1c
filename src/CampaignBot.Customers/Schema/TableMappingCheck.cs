using System.Data.Common;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Schema;

/// <summary>
/// Reads the shape of every mapped table (no rows) and names each table that cannot be read, each column it lacks
/// and each column whose values are of another kind, so one start-up message lists everything to fix.
/// </summary>
public static class TableMappingCheck
{
    public static async Task<IReadOnlyList<string>> ProblemsAsync(CustomerEngine engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var problems = new List<string>();
        if (!engine.Tables.AnyMapped)
        {
            return problems;
        }

        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var mapped in engine.Tables.Mapped.OrderBy(m => CustomerSchema.DataTables.ToList().IndexOf(m.Table)))
        {
            var found = await ColumnsAsync(engine, connection, mapped, cancellationToken).ConfigureAwait(false);
            if (found.Problem is not null)
            {
                problems.Add($"{mapped.Table.Name}: {mapped.Source} cannot be read: {found.Problem}");
                continue;
            }

            problems.AddRange(ColumnProblems(engine, mapped, found.Columns!));
        }

        return problems;
    }

    private static IEnumerable<string> ColumnProblems(CustomerEngine engine, MappedTable mapped, IReadOnlyList<(string Name, Type Type)> columns)
    {
        foreach (var column in mapped.Table.Columns)
        {
            var name = mapped.Columns[column.Name];
            var renamed = name == column.Name ? "" : $" (for {column.Name})";
            var match = columns.FirstOrDefault(c => string.Equals(c.Name, name, engine.NamesIgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
            if (match.Name is null)
            {
                var otherCase = columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).Name;
                yield return $"{mapped.Table.Name}: {mapped.Source} has no column '{name}'{renamed}" + (otherCase is null ? "." : $"; did you mean '{otherCase}'?");
            }
            else if (!Fits(column.Type, match.Type))
            {
                yield return $"{mapped.Table.Name}: column '{name}'{renamed} of {mapped.Source} holds {match.Type.Name} values; CampaignBot reads it as {Kind(column.Type)}: cast it in a view.";
            }
        }
    }

    private static async Task<(IReadOnlyList<(string Name, Type Type)>? Columns, string? Problem)> ColumnsAsync(
        CustomerEngine engine, DbConnection connection, MappedTable mapped, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand(engine, new SqlStatement($"SELECT * FROM {mapped.Relation} LIMIT 0", []));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return (Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetFieldType(i))).ToList(), null);
        }
        catch (DbException e)
        {
            // The engine's own first line says what is wrong (no such relation, no files match, no permission).
            return (null, e.Message.Split('\n', 2)[0].Trim());
        }
    }

    private static bool Fits(ColumnType type, Type clr) => type switch
    {
        ColumnType.Text => clr == typeof(string),
        ColumnType.Integer => IsInteger(clr),
        ColumnType.Money => clr == typeof(decimal) || IsInteger(clr) || clr == typeof(double) || clr == typeof(float),
        ColumnType.Fraction => clr == typeof(double) || clr == typeof(float) || clr == typeof(decimal),
        ColumnType.Date => clr == typeof(DateTime) || clr == typeof(DateOnly),
        ColumnType.Timestamp => clr == typeof(DateTime) || clr == typeof(DateTimeOffset),
        ColumnType.Boolean => clr == typeof(bool),
        _ => false,
    };

    private static bool IsInteger(Type clr) =>
        clr == typeof(long) || clr == typeof(int) || clr == typeof(short) || clr == typeof(sbyte)
        || clr == typeof(byte) || clr == typeof(ushort) || clr == typeof(uint);

    private static string Kind(ColumnType type) => type switch
    {
        ColumnType.Text => "text",
        ColumnType.Integer => "a whole number",
        ColumnType.Money => "an amount",
        ColumnType.Fraction => "a number from 0 to 1",
        ColumnType.Date => "a date",
        ColumnType.Timestamp => "a timestamp",
        ColumnType.Boolean => "true or false",
        _ => type.ToString(),
    };
}
