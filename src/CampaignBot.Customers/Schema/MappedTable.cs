using System.Text.RegularExpressions;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Schema;

/// <summary>
/// A logical table read from the user's own table, view or Parquet files, with their column names. Queries read
/// it through <see cref="From"/>, a projection that renames the user's columns to the logical ones, so the SQL
/// written against <see cref="CustomerSchema"/> runs on it unchanged and nothing is copied.
/// </summary>
public sealed partial record MappedTable
{
    private MappedTable(CustomerTable table, string source, string relation, IReadOnlyDictionary<string, string> columns)
    {
        Table = table;
        Source = source;
        Relation = relation;
        Columns = columns;
        From = $"(SELECT {string.Join(", ", table.Columns.Select(c => $"{SqlBuilder.Quote(columns[c.Name])} AS {SqlBuilder.Quote(c.Name)}"))} FROM {relation})";
    }

    public CustomerTable Table { get; }

    /// <summary>The user's own words for where the rows are (<c>crm.customers_v</c>, a Parquet folder), for messages.</summary>
    public string Source { get; }

    /// <summary>The source as SQL: a quoted table name, or DuckDB's <c>read_parquet</c> over the files.</summary>
    public string Relation { get; }

    /// <summary>Every logical column name and the source's name for it.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; }

    /// <summary>What to write after FROM or JOIN (an alias follows).</summary>
    public string From { get; }

    /// <summary>An existing table or view, optionally qualified by its schema (and database): <c>crm.customers_v</c>.</summary>
    /// <param name="columns">Logical column name → the table's name for it; columns not listed keep their logical names.</param>
    public static MappedTable OnTable(CustomerTable table, string name, IReadOnlyDictionary<string, string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!IsTableName(name))
        {
            throw new ArgumentException($"'{name}' is not a table name such as customers or crm.customers_v.", nameof(name));
        }

        var relation = string.Join('.', name.Split('.').Select(SqlBuilder.Quote));
        return new MappedTable(table, name, relation, Complete(table, columns));
    }

    /// <summary>
    /// Parquet files read in place by DuckDB: a file, a glob (<c>/data/customers/*.parquet</c>), or a folder, which
    /// stands for every Parquet file in it and its subfolders.
    /// </summary>
    public static MappedTable OnParquet(CustomerTable table, string location, IReadOnlyDictionary<string, string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!IsParquetLocation(location))
        {
            throw new ArgumentException($"'{location}' is not a Parquet file, folder or glob.", nameof(location));
        }

        var files = location.Contains('*', StringComparison.Ordinal) || location.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? location
            : Path.Combine(location, "**", "*.parquet");
        var relation = $"read_parquet('{files.Replace("'", "''", StringComparison.Ordinal)}')";
        return new MappedTable(table, location, relation, Complete(table, columns));
    }

    /// <summary>One to three dotted names of letters, digits, '_' and '$', not starting with a digit.</summary>
    public static bool IsTableName(string? name) => name is not null && TableName().IsMatch(name);

    public static bool IsParquetLocation(string? location) =>
        !string.IsNullOrWhiteSpace(location) && !location.Any(char.IsControl);

    /// <summary>A column name as the source spells it: anything printable (it is always quoted).</summary>
    public static bool IsColumnName(string? name) => !string.IsNullOrWhiteSpace(name) && !name.Any(char.IsControl) && name.Length <= 128;

    private static Dictionary<string, string> Complete(CustomerTable table, IReadOnlyDictionary<string, string>? columns)
    {
        var complete = table.Columns.ToDictionary(c => c.Name, c => c.Name, StringComparer.Ordinal);
        foreach (var (logical, actual) in columns ?? new Dictionary<string, string>())
        {
            var column = table.Find(logical) ?? throw new ArgumentException($"{table.Name} has no column '{logical}'.", nameof(columns));
            complete[column.Name] = IsColumnName(actual) ? actual : throw new ArgumentException($"'{actual}' is not a column name.", nameof(columns));
        }

        return complete;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*){0,2}$")]
    private static partial Regex TableName();
}
