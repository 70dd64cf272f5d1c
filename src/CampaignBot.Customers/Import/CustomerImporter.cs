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

    private async Task<ImportReport> ImportRowsAsync(string path, SourceRows source, ImportMapping mapping, CustomerTable table, ImportOptions options, CancellationToken cancellationToken)
    {
        await CustomerTables.EnsureCreatedAsync(engine, cancellationToken).ConfigureAwait(false);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (engine.ExclusiveLock(table.Name) is { } lockTable)
        {
            await connection.ExecuteAsync(engine, lockTable, transaction, cancellationToken).ConfigureAwait(false);
        }

        var tally = new RejectionTally();
        var stagingColumns = mapping.Columns.Append(LineColumn).ToList();
        await connection.ExecuteAsync(engine, StagingTable(stagingColumns), transaction, cancellationToken).ConfigureAwait(false);
        try
        {
            await engine.BulkInsertAsync(connection, Staging, stagingColumns, CheckedRows(source.Rows, mapping, tally, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CsvFormatException or DbException or IOException)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return ImportReport.Failed($"Nothing was imported: {Path.GetFileName(path)} could not be read after {Counted.Of(tally.RowsRead, "row")}: {e.Message}", tally.RowsRead, tally.Count, tally.Listed);
        }

        await RejectDuplicatesAsync(connection, transaction, tally, cancellationToken).ConfigureAwait(false);

        if (tally.Count > 0 && !options.SkipInvalidRows)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return ImportReport.Failed($"Nothing was imported: {tally.Count} of {Counted.Of(tally.RowsRead, "row")} {(tally.Count == 1 ? "was" : "were")} rejected. Fix {(tally.Count == 1 ? "it" : "them")}, or import with invalid rows skipped.", tally.RowsRead, tally.Count, tally.Listed);
        }

        var imported = await MergeAsync(connection, transaction, table, mapping.Columns, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(engine, $"DROP TABLE {Staging}", transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ImportReport(true, tally.RowsRead, imported, tally.Count, tally.Listed, null);
    }

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

    // A customer listed twice: the first row stands, each later one is rejected.
    private async Task RejectDuplicatesAsync(DbConnection connection, DbTransaction transaction, RejectionTally tally, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT s.import_line, f.first_line FROM {Staging} s
            JOIN (SELECT customer_id, min(import_line) AS first_line FROM {Staging} GROUP BY customer_id HAVING count(*) > 1) f
              ON f.customer_id = s.customer_id AND s.import_line > f.first_line
            ORDER BY s.import_line
            """;
        await using var command = connection.CreateCommand(engine, new SqlStatement(sql, []), transaction);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tally.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                    $"the same customer_id already appears on line {reader.GetValue(1)}");
            }
        }

        await connection.ExecuteAsync(engine,
            $"DELETE FROM {Staging} USING (SELECT customer_id, min(import_line) AS first_line FROM {Staging} GROUP BY customer_id) f WHERE f.customer_id = {Staging}.customer_id AND {Staging}.import_line > f.first_line",
            transaction, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> MergeAsync(DbConnection connection, DbTransaction transaction, CustomerTable table, IReadOnlyList<CustomerColumn> columns, CancellationToken cancellationToken)
    {
        var names = string.Join(", ", columns.Select(c => SqlBuilder.Quote(c.Name)));
        await connection.ExecuteAsync(engine,
            $"DELETE FROM {table.Name} WHERE customer_id IN (SELECT customer_id FROM {Staging})", transaction, cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(engine,
            $"INSERT INTO {table.Name} ({names}) SELECT {names} FROM {Staging}", transaction, cancellationToken).ConfigureAwait(false);
    }

    private string StagingTable(IReadOnlyList<CustomerColumn> columns) =>
        $"CREATE TEMPORARY TABLE {Staging} ({string.Join(", ", columns.Select(c => $"{SqlBuilder.Quote(c.Name)} {engine.TypeOf(c.Type)}"))})";

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
