using System.Data.Common;
using CampaignBot.Customers.Schema;
using DuckDB.NET.Data;

namespace CampaignBot.Customers.Engine;

/// <summary>The embedded default: one DuckDB file (or memory), one connection per evaluation.</summary>
public sealed class DuckDbEngine(string dataSource) : CustomerEngine
{
    public const string InMemory = ":memory:";

    public override string Name => "duckdb";

    public string DataSource => dataSource;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new DuckDBConnection($"Data Source={dataSource}");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    public override DbParameter Parameter(object? value) => new DuckDBParameter(value ?? DBNull.Value);

    public override void StreamResults(DbCommand command) => ((DuckDBCommand)command).UseStreamingMode = true;

    public override string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Text => "VARCHAR",
        ColumnType.Integer => "BIGINT",
        ColumnType.Money => "DECIMAL(18,2)",
        ColumnType.Fraction => "DOUBLE",
        ColumnType.Date => "DATE",
        ColumnType.Boolean => "BOOLEAN",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

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
        bool flag => row.AppendValue(flag),
        _ => throw new ArgumentException($"Cannot append a {value.GetType().Name}.", nameof(value)),
    };
}
