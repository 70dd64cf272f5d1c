using System.ComponentModel.DataAnnotations;
using CampaignBot.Customers.Schema;

namespace CampaignBot.App.Customers;

/// <summary>
/// One entry of <c>Customers:Tables</c>: a logical table read from the user's own table or view, or (DuckDB) from
/// Parquet files, instead of CampaignBot's table of that name. Nothing is copied.
/// </summary>
public sealed class CustomerTableOptions
{
    /// <summary>An existing table or view, optionally qualified by its schema: <c>crm.customers_v</c>.</summary>
    public string? Table { get; set; }

    /// <summary>DuckDB only: Parquet files read in place, as a file, a glob or a folder (every .parquet file under it).</summary>
    public string? Parquet { get; set; }

    /// <summary>Logical column name → the source's name for it, for the columns named otherwise (<c>customer_id: cust_no</c>).</summary>
    public Dictionary<string, string> Columns { get; set; } = [];
}

/// <summary>Checks <c>Customers:Tables</c> as written (names, one source each, the engine's support) and turns it into sources.</summary>
internal static class CustomerTableMapping
{
    public static IEnumerable<ValidationResult> Problems(CustomersOptions options)
    {
        foreach (var (name, entry) in options.Tables)
        {
            var path = $"Customers:Tables:{name}";
            if (CustomerSchema.FindDataTable(name) is not { } table)
            {
                yield return Problem($"{path}: there is no table '{name}' to map; map {string.Join(", ", CustomerSchema.DataTables.Select(t => t.Name))}.");
                continue;
            }

            foreach (var problem in EntryProblems(options, path, table, entry))
            {
                yield return Problem(problem);
            }
        }
    }

    public static CustomerTableSources Sources(CustomersOptions options, string contentRoot) =>
        new(options.Tables.Select(entry =>
        {
            var table = CustomerSchema.FindDataTable(entry.Key)!;
            var columns = entry.Value.Columns.ToDictionary(c => table.Find(c.Key)!.Name, c => c.Value.Trim(), StringComparer.Ordinal);
            return entry.Value.Parquet is { Length: > 0 } parquet
                ? MappedTable.OnParquet(table, Path.GetFullPath(parquet, contentRoot), columns)
                : MappedTable.OnTable(table, entry.Value.Table!.Trim(), columns);
        }));

    private static IEnumerable<string> EntryProblems(CustomersOptions options, string path, CustomerTable table, CustomerTableOptions entry)
    {
        if (options.IsClickHouse)
        {
            // Customer tables on a cluster must be sharded alike by customer id (docs/scaling.md); a user's own tables need not be.
            yield return $"{path}: mapping onto existing tables works with duckdb and postgres; on a ClickHouse cluster CampaignBot lays out its own sharded tables. Import the rows instead.";
            yield break;
        }

        var hasTable = !string.IsNullOrWhiteSpace(entry.Table);
        var hasParquet = !string.IsNullOrWhiteSpace(entry.Parquet);
        if (hasTable == hasParquet)
        {
            yield return $"{path}: give either Table (an existing table or view) or Parquet (DuckDB: files read in place), not {(hasTable ? "both" : "neither")}.";
        }
        else if (hasTable && !MappedTable.IsTableName(entry.Table!.Trim()))
        {
            yield return $"{path}:Table is '{entry.Table}'; write a table or view name such as customers or crm.customers_v.";
        }
        else if (hasParquet && table == CustomerSchema.CampaignSendList)
        {
            yield return $"{path}:Parquet cannot take the send history CampaignBot writes; map a table (Table) or leave campaign_sends to CampaignBot.";
        }
        else if (hasParquet && options.IsPostgres)
        {
            yield return $"{path}:Parquet works with duckdb only; with postgres, map a table or view (Table).";
        }
        else if (hasParquet && !MappedTable.IsParquetLocation(entry.Parquet))
        {
            yield return $"{path}:Parquet must be a file, folder or glob such as /data/customers/*.parquet.";
        }

        foreach (var (logical, actual) in entry.Columns)
        {
            if (table.Find(logical) is null)
            {
                yield return $"{path}:Columns:{logical}: {table.Name} has no column '{logical}'; its columns are {string.Join(", ", table.Columns.Select(c => c.Name))}.";
            }
            else if (!MappedTable.IsColumnName(actual))
            {
                yield return $"{path}:Columns:{logical} must name the column of the table that holds {logical}.";
            }
        }
    }

    private static ValidationResult Problem(string message) => new(message, [nameof(CustomersOptions.Tables)]);
}
