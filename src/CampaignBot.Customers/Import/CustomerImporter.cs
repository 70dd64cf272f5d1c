using System.Data.Common;
using System.Runtime.CompilerServices;
using CampaignBot.Core.Text;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CsvHelper;

namespace CampaignBot.Customers.Import;

/// <summary>
/// Imports customers from a CSV or Parquet file into customer_360 or merged_customers. Rows are checked
/// one by one and streamed into a staging table inside one transaction; rows for customers already
/// present replace them. A bad row, by default, stops the import and nothing changes; with
/// <see cref="ImportOptions.SkipInvalidRows"/> the good rows go in and the bad ones are reported.
/// </summary>
public sealed class CustomerImporter(CustomerEngine engine)
{
    private const string Staging = "customer_import_staging";
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CustomerEngine, SemaphoreSlim> Gates = new();
    private static readonly CustomerColumn LineColumn = new("import_line", ColumnType.Integer, "Line in the source file");

    public async Task<ImportReport> ImportAsync(string path, CustomerTable table, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ImportOptions();
        if (!File.Exists(path))
        {
            return ImportReport.Failed($"There is no file at {Path.GetFileName(path)}.");
        }

        SourceRows? source;
        try
        {
            source = await OpenAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CsvFormatException or DbException or IOException)
        {
            return ImportReport.Failed($"{Path.GetFileName(path)} could not be read: {e.Message}");
        }

        if (source is null)
        {
            return ImportReport.Failed($"{Path.GetFileName(path)} is not a CSV or Parquet file with a header row.");
        }

        await using (source.ConfigureAwait(false))
        {
            var mapping = ImportMapping.From(source.Header, table, out var headerProblem);
            if (mapping is null)
            {
                return ImportReport.Failed(headerProblem!);
            }

            // Imports replace rows by id with delete-then-insert; two at once could both insert an id.
            var gate = Gates.GetValue(engine, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await ImportRowsAsync(path, source, mapping, table, options, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    // Without a transaction (ClickHouse) the staging table is a real one, dropped here whatever happens; the target
    // changes only in MergeAsync, after every check, so a rejected file still changes nothing.
    private async Task<ImportReport> ImportRowsAsync(string path, SourceRows source, ImportMapping mapping, CustomerTable table, ImportOptions options, CancellationToken cancellationToken)
    {
        await CustomerTables.EnsureCreatedAsync(engine, cancellationToken).ConfigureAwait(false);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await engine.BeginTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ImportRowsAsync(connection, transaction, path, source, mapping, table, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (transaction is null)
            {
                await engine.DropTableAsync(connection, Staging, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task<ImportReport> ImportRowsAsync(
        DbConnection connection, DbTransaction? transaction, string path, SourceRows source, ImportMapping mapping, CustomerTable table, ImportOptions options, CancellationToken cancellationToken)
    {
        if (engine.ExclusiveLock(table.Name) is { } lockTable)
        {
            await connection.ExecuteAsync(engine, lockTable, transaction, cancellationToken).ConfigureAwait(false);
        }

        var tally = new RejectionTally();
        var stagingColumns = mapping.Columns.Append(LineColumn).ToList();
        await engine.CreateTableAsync(connection, StagingTable(stagingColumns), transaction, cancellationToken).ConfigureAwait(false);
        try
        {
            await engine.BulkInsertAsync(connection, Staging, stagingColumns, CheckedRows(source.Rows, mapping, tally, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CsvFormatException or DbException or IOException)
        {
            await RollbackAsync(transaction, cancellationToken).ConfigureAwait(false);
            return ImportReport.Failed($"Nothing was imported: {Path.GetFileName(path)} could not be read after {Counted.Of(tally.RowsRead, "row")}: {e.Message}", tally.RowsRead, tally.Count, tally.Listed);
        }

        await RejectDuplicatesAsync(connection, transaction, tally, cancellationToken).ConfigureAwait(false);

        if (tally.Count > 0 && !options.SkipInvalidRows)
        {
            await RollbackAsync(transaction, cancellationToken).ConfigureAwait(false);
            return ImportReport.Failed($"Nothing was imported: {tally.Count} of {Counted.Of(tally.RowsRead, "row")} {(tally.Count == 1 ? "was" : "were")} rejected. Fix {(tally.Count == 1 ? "it" : "them")}, or import with invalid rows skipped.", tally.RowsRead, tally.Count, tally.Listed);
        }

        await MergeAsync(connection, transaction, table, mapping.Columns, cancellationToken).ConfigureAwait(false);
        await engine.DropTableAsync(connection, Staging, transaction, cancellationToken).ConfigureAwait(false);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Staging held every row read that passed its checks, the duplicates removed, and all of it went in.
        return new ImportReport(true, tally.RowsRead, tally.RowsRead - tally.Count, tally.Count, tally.Listed, null);
    }

    private static Task RollbackAsync(DbTransaction? transaction, CancellationToken cancellationToken) =>
        transaction?.RollbackAsync(cancellationToken) ?? Task.CompletedTask;

    private static async Task<SourceRows?> OpenAsync(string path, CancellationToken cancellationToken) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".parquet" => await ParquetSource.OpenAsync(path, cancellationToken).ConfigureAwait(false),
            ".csv" or ".txt" => await CsvSource.OpenAsync(path, cancellationToken).ConfigureAwait(false),
            _ => null,
        };

    private static async IAsyncEnumerable<object?[]> CheckedRows(
        IAsyncEnumerable<SourceRow> rows, ImportMapping mapping, RejectionTally tally, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            tally.RowsRead++;
            var values = mapping.Read(row, out var reason);
            if (values is null)
            {
                tally.Add(row.Line, reason!);
                continue;
            }

            values[^1] = row.Line;
            yield return values;
        }
    }

    // A customer listed twice: the first row stands, each later one is rejected. Both rows of a customer are kept on
    // the same shard (staging is kept by customer), so each shard finds and deletes its own duplicates.
    private async Task RejectDuplicatesAsync(DbConnection connection, DbTransaction? transaction, RejectionTally tally, CancellationToken cancellationToken)
    {
        string Duplicates(Func<string, string> table) => $"""
            SELECT s.import_line, f.first_line FROM {table(Staging)} s
            JOIN (SELECT customer_id, min(import_line) AS first_line FROM {table(Staging)} GROUP BY customer_id HAVING count(*) > 1) f
              ON f.customer_id = s.customer_id AND s.import_line > f.first_line
            """;
        await using var command = connection.CreateCommand(engine, new SqlStatement(Duplicates(name => name) + " ORDER BY s.import_line", []), transaction);
        var found = false;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found = true;
                tally.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                    $"the same customer_id already appears on line {reader.GetValue(1)}");
            }
        }

        if (found)
        {
            await engine.DeleteAsync(connection, Staging, table => new SqlStatement($"import_line IN (SELECT d.import_line FROM ({Duplicates(table)}) d)", []), transaction, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    // Rows for customers already present replace them; each shard replaces its own customers' rows.
    private async Task MergeAsync(DbConnection connection, DbTransaction? transaction, CustomerTable table, IReadOnlyList<CustomerColumn> columns, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(c => SqlBuilder.Quote(c.Name)));
        await engine.DeleteAsync(connection, table.Name, tables => new SqlStatement($"customer_id IN (SELECT customer_id FROM {tables(Staging)})", []), transaction, cancellationToken)
            .ConfigureAwait(false);
        await connection.ExecuteAsync(engine, $"INSERT INTO {table.Name} ({names}) SELECT {names} FROM {Staging}", transaction, cancellationToken).ConfigureAwait(false);
    }

    // Kept by customer, so a sharded engine keeps a customer's staged rows on the shard of their stored ones.
    private static TableShape StagingTable(IReadOnlyList<CustomerColumn> columns) =>
        new(Staging, columns.Select(c => new TableColumn(c.Name, c.Type, Required: c.Name == TableShape.CustomerKey)).ToList(), ByCustomer: true, Temporary: true);

    private sealed class RejectionTally
    {
        private readonly List<RejectedRow> _listed = [];

        public long RowsRead { get; set; }

        public long Count { get; private set; }

        public IReadOnlyList<RejectedRow> Listed => _listed.OrderBy(r => r.Line).ToList();

        public void Add(long line, string reason)
        {
            Count++;
            if (_listed.Count < ImportReport.MaxListedRejections)
            {
                _listed.Add(new RejectedRow(line, reason));
            }
        }
    }
}
