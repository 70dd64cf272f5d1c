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
public abstract partial class CustomerEngine
{
    /// <summary>"duckdb", "postgres", …: shown in health checks and logs.</summary>
    public abstract string Name { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Where each customer table is read from: the engine's own tables, or the user's (<c>Customers:Tables</c>).</summary>
    public CustomerTableSources Tables { get; init; } = CustomerTableSources.Own;

    /// <summary>Whether quoted names match whatever their case (DuckDB); otherwise they match exactly (PostgreSQL).</summary>
    public virtual bool NamesIgnoreCase => false;

    /// <summary>The parameter for the value whose placeholder is <see cref="Placeholder"/> with the same ordinal.</summary>
    public abstract DbParameter Parameter(int ordinal, object? value);

    /// <summary>Asks the engine to hand rows over as they are produced instead of materializing the result.</summary>
    public virtual void StreamResults(DbCommand command)
    {
    }

    /// <summary>Where the <paramref name="ordinal"/>th parameter (from 1) goes in SQL text; engines that name parameters by type see the value.</summary>
    public virtual string Placeholder(int ordinal, object? value) => "$" + ordinal;

    public abstract string TypeOf(ColumnType type);

    /// <summary>A NULL of the column type, for a nullable column.</summary>
    public virtual string NullOf(ColumnType type) => $"CAST(NULL AS {TypeOf(type)})";

    /// <summary>The MD5 digest of a text as 32 lower-case hex digits.</summary>
    public virtual string Md5Hex(string textExpression) => $"md5({textExpression})";

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
        IntegerDivide($"{HexToInteger($"substr({Md5Hex($"{splitKeyExpression} || ':' || {customerIdExpression}")}, 1, 8)")} * 10000", "4294967296");

    /// <summary>
    /// A text expression that compares and sorts by bytes (code point order for UTF-8) whatever the
    /// database's collation, so ordered streams and resume points agree across engines. The default
    /// suits engines that compare bytes unless told otherwise, as DuckDB does.
    /// </summary>
    public virtual string BinaryText(string textExpression) => textExpression;

    /// <summary>A timestamp <paramref name="days"/> whole days after <paramref name="timestamp"/>.</summary>
    public virtual string PlusDays(string timestamp, int days) => $"({timestamp} + INTERVAL '{days.ToString(System.Globalization.CultureInfo.InvariantCulture)} days')";

    /// <summary>A timestamp <paramref name="minutesExpression"/> (an integer, negative for earlier) minutes after <paramref name="timestamp"/>.</summary>
    public virtual string PlusMinutes(string timestamp, string minutesExpression) => $"({timestamp} + make_interval(mins => CAST({minutesExpression} AS integer)))";

    /// <summary>True when <paramref name="prefix"/> begins <paramref name="text"/>.</summary>
    public virtual string StartsWith(string text, string prefix) => $"starts_with({text}, {prefix})";

    /// <summary>True when <paramref name="part"/> occurs in <paramref name="text"/>.</summary>
    public virtual string Contains(string text, string part) => $"strpos({text}, {part}) > 0";

    /// <summary>An aggregate: true when the condition holds for any row of the group.</summary>
    public virtual string AnyTrue(string condition) => $"bool_or({condition})";

    /// <summary>
    /// <paramref name="keyword"/> (<c>IN</c>, <c>NOT IN</c>, <c>JOIN</c>, <c>LEFT JOIN</c>) for a right side that is not
    /// co-located with the left one: computed once and sent to every shard where the engine has shards (ClickHouse's
    /// <c>GLOBAL</c>). Suppressions are matched by address as well as by id, so they always take this form; customer
    /// tables joined on customer_id do not, being sharded alike.
    /// </summary>
    public virtual string Global(string keyword) => keyword;

    /// <summary>
    /// Ends a "does any row exist" subquery at its first row. ClickHouse leaves it out: there the initiator cuts the
    /// other shards' reads short by resetting their connections, which the chDB nodes of the test cluster do not survive;
    /// counting every row costs a distributed scan, and these checks read small sets.
    /// </summary>
    public virtual string FirstRowOnly => " LIMIT 1";

    /// <summary>
    /// Whether a statement's affected-rows count is the rows an INSERT … SELECT wrote, so a writer can take it instead of
    /// counting the table again. ClickHouse's is not.
    /// </summary>
    public virtual bool ReportsInsertedRows => true;

    /// <summary>
    /// Lets the engine store the rows the connection's following INSERT … SELECT statements write in any order, for
    /// tables read only through queries that group or sort. DuckDB then writes them in parallel rather than in scan
    /// order; the setting ends with the connection.
    /// </summary>
    public virtual Task AllowUnorderedInsertsAsync(DbConnection connection, CancellationToken cancellationToken = default) => Task.CompletedTask;

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
