using System.Data.Common;
using CampaignBot.Customers.Schema;
using DuckDB.NET.Data;

namespace CampaignBot.Customers.Engine;

/// <summary>The embedded default: one DuckDB file (or memory), one connection per evaluation.</summary>
/// <param name="memoryLimit">DuckDB's memory cap, such as "1GB"; beyond it DuckDB spills to disk. Null leaves DuckDB's default (80% of RAM).</param>
public sealed partial class DuckDbEngine(string dataSource, string? memoryLimit = null) : CustomerEngine, IAsyncDisposable
{
    private readonly string? _memoryLimit = memoryLimit is null || MemorySize().IsMatch(memoryLimit)
        ? memoryLimit
        : throw new ArgumentException($"'{memoryLimit}' is not a memory size such as 512MB or 2GB.", nameof(memoryLimit));

    // DuckDB closes a database when its last connection closes and reloads it on the next; one idle
    // connection for the engine's lifetime keeps the database and its buffer cache loaded.
    private readonly SemaphoreSlim _keepAliveGate = new(1, 1);
    private DuckDBConnection? _keepAlive;
    private bool _disposed;

    public override string Name => "duckdb";

    public override bool NamesIgnoreCase => true;

    public string DataSource => dataSource;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        await KeepAliveAsync(cancellationToken).ConfigureAwait(false);
        var connection = new DuckDBConnection($"Data Source={dataSource}");
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (_memoryLimit is not null)
            {
                await connection.ExecuteAsync(this, $"SET memory_limit = '{_memoryLimit}'", cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _keepAliveGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_keepAlive is not null)
            {
                await _keepAlive.DisposeAsync().ConfigureAwait(false);
                _keepAlive = null;
            }
        }
        finally
        {
            _keepAliveGate.Release();
        }
    }

    private async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        if (_keepAlive is not null)
        {
            return;
        }

        await _keepAliveGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_keepAlive is null)
            {
                var connection = new DuckDBConnection($"Data Source={dataSource}");
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                _keepAlive = connection;
            }
        }
        finally
        {
            _keepAliveGate.Release();
        }
    }

    public override DbParameter Parameter(int ordinal, object? value) => new DuckDBParameter(value ?? DBNull.Value);

    /// <summary>DuckDB writes the file itself, in parallel, with the statement's parameters bound.</summary>
    public override async Task<long> ExportCsvAsync(SqlStatement query, string path, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var copy = query with { Text = $"COPY ({query.Text}) TO {Literal(path)} (FORMAT csv, HEADER, DELIMITER ',')" };
        return await connection.ExecuteAsync(this, copy, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // Session scope: a plain SET of this option would change it for every connection to the database, the ordered
    // reads and exports too. Measured on the run benchmark's send history: about half the INSERT's time.
    public override Task AllowUnorderedInsertsAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(this, "SET SESSION preserve_insertion_order = false", cancellationToken: cancellationToken);

    public override void StreamResults(DbCommand command) => ((DuckDBCommand)command).UseStreamingMode = true;

    public override string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Text => "VARCHAR",
        ColumnType.Integer => "BIGINT",
        ColumnType.Money => "DECIMAL(18,2)",
        ColumnType.Fraction => "DOUBLE",
        ColumnType.Date => "DATE",
        ColumnType.Timestamp => "TIMESTAMP",
        ColumnType.Boolean => "BOOLEAN",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public override string PlusMinutes(string timestamp, string minutesExpression) => $"({timestamp} + to_minutes(CAST({minutesExpression} AS BIGINT)))";

    public override string HexToInteger(string hexExpression) => $"CAST(('0x' || {hexExpression}) AS BIGINT)";

    public override string IntegerDivide(string dividend, string divisor) => $"(({dividend}) // ({divisor}))";

    public override string Series(string countExpression) => $"range(CAST({countExpression} AS BIGINT)) AS series(i)";

    public override string PickFrom(IReadOnlyList<string> words, string zeroBasedIndex) =>
        $"([{string.Join(", ", words.Select(Literal))}][({zeroBasedIndex}) + 1])";

    public override async Task BulkInsertAsync(
        DbConnection connection, string table, IReadOnlyList<CustomerColumn> columns,
        IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        using var appender = ((DuckDBConnection)connection).CreateAppender(table);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var appending = appender.CreateRow();
            for (var i = 0; i < columns.Count; i++)
            {
                appending = Append(appending, row[i]);
            }

            appending.EndRow();
        }
    }

    private static IDuckDBAppenderRow Append(IDuckDBAppenderRow row, object? value) => value switch
    {
        null => row.AppendNullValue(),
        string text => row.AppendValue(text),
        long number => row.AppendValue(number),
        decimal money => row.AppendValue(money),
        double fraction => row.AppendValue(fraction),
        DateOnly date => row.AppendValue(date),
        DateTime moment => row.AppendValue(moment),
        bool flag => row.AppendValue(flag),
        _ => throw new ArgumentException($"Cannot append a {value.GetType().Name}.", nameof(value)),
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+(\.\d+)?\s?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex MemorySize();
}
