using System.Data.Common;
using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Schema;
using CsvHelper;

namespace CampaignBot.Customers.Engine;

/// <summary>
/// Where customer data lives and how to speak its SQL. Everything that differs between engines is
/// here, so a warehouse (Snowflake, BigQuery, Databricks) is one new subclass; the segment, insight,
/// demo-data and audience SQL is written once against these pieces.
/// </summary>
public abstract class CustomerEngine
{
    /// <summary>"duckdb", "postgres", …: shown in health checks and logs.</summary>
    public abstract string Name { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    public abstract DbParameter Parameter(object? value);

    /// <summary>Asks the engine to hand rows over as they are produced instead of materializing the result.</summary>
    public virtual void StreamResults(DbCommand command)
    {
    }

    public virtual string Placeholder(int ordinal) => "$" + ordinal;

    public abstract string TypeOf(ColumnType type);

    /// <summary>An integer expression for the first eight hex digits of an <c>md5()</c> text.</summary>
    public abstract string HexToInteger(string hexExpression);

    /// <summary>Integer division that truncates in every engine.</summary>
    public abstract string IntegerDivide(string dividend, string divisor);

    /// <summary>A from-clause item yielding integers 0..count-1 in a column named <c>i</c>.</summary>
    public abstract string Series(string countExpression);

    /// <summary>The word at a zero-based index of a constant list (code-owned words only).</summary>
    public abstract string PickFrom(IReadOnlyList<string> words, string zeroBasedIndex);

    /// <summary>
    /// The splitter's bucket (see <c>SplitHash</c> and docs/splitting.md) computed in SQL, so the
    /// engine places customers exactly where .NET would.
    /// </summary>
    public string SplitBucket(string splitKeyExpression, string customerIdExpression) =>
        IntegerDivide($"{HexToInteger($"substr(md5({splitKeyExpression} || ':' || {customerIdExpression}), 1, 8)")} * 10000", "4294967296");

    /// <summary>
    /// A text expression that compares and sorts by bytes (code point order for UTF-8) whatever the
    /// database's collation, so ordered streams and resume points agree across engines. The default
    /// suits engines that compare bytes unless told otherwise, as DuckDB does.
    /// </summary>
    public virtual string BinaryText(string textExpression) => textExpression;

    /// <summary>SQL that locks a table against other writers until the transaction ends, where the engine has it.</summary>
    public virtual string? ExclusiveLock(string table) => null;

    /// <summary>Streams rows into a table inside the connection's current transaction.</summary>
    public abstract Task BulkInsertAsync(
        DbConnection connection, string table, IReadOnlyList<CustomerColumn> columns,
        IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a query's rows to a CSV file with a header, returning the row count. This default streams
    /// through the driver; engines that can write files themselves override it.
    /// </summary>
    public virtual async Task<long> ExportCsvAsync(SqlStatement query, string path, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(this, query);
        StreamResults(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var csv = CsvWriter.ToFile(path, new CsvWriterOptions { NewLine = "\n" });
        csv.WriteHeader(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray());
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                csv.WriteField(reader.IsDBNull(i) ? null : ValueText.Of(reader.GetValue(i)));
            }

            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
            rows++;
        }

        return rows;
    }

    /// <summary>SQL literal for a code-owned constant word (never for user input).</summary>
    protected static string Literal(string word) => $"'{word.Replace("'", "''", StringComparison.Ordinal)}'";
}
