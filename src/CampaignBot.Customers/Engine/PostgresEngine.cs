using System.Data.Common;
using CampaignBot.Customers.Schema;
using Npgsql;
using NpgsqlTypes;

namespace CampaignBot.Customers.Engine;

/// <summary>A PostgreSQL server through Npgsql; the data source pools connections.</summary>
public sealed class PostgresEngine(NpgsqlDataSource dataSource) : CustomerEngine
{
    public override string Name => "postgres";

    public static PostgresEngine Connect(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override DbParameter Parameter(int ordinal, object? value) => new NpgsqlParameter { Value = value ?? DBNull.Value };

    public override string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Text => "text",
        ColumnType.Integer => "bigint",
        ColumnType.Money => "numeric(18,2)",
        ColumnType.Fraction => "double precision",
        ColumnType.Date => "date",
        ColumnType.Timestamp => "timestamp",
        ColumnType.Boolean => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    // A database created with a linguistic locale sorts "a" < "B" < "b"; the "C" collation compares bytes, as DuckDB does.
    public override string BinaryText(string textExpression) => $"({textExpression} COLLATE \"C\")";

    public override string? ExclusiveLock(string table) => $"LOCK TABLE {table} IN EXCLUSIVE MODE";

    public override string HexToInteger(string hexExpression) => $"(('x' || {hexExpression})::bit(32)::bigint)";

    public override string IntegerDivide(string dividend, string divisor) => $"(({dividend}) / ({divisor}))";

    public override string Series(string countExpression) => $"generate_series(0, CAST({countExpression} AS bigint) - 1) AS series(i)";

    public override string PickFrom(IReadOnlyList<string> words, string zeroBasedIndex) =>
        $"((ARRAY[{string.Join(", ", words.Select(Literal))}])[({zeroBasedIndex}) + 1])";

    public override async Task BulkInsertAsync(
        DbConnection connection, string table, IReadOnlyList<CustomerColumn> columns,
        IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var columnList = string.Join(", ", columns.Select(c => SqlBuilder.Quote(c.Name)));
        var npgsql = (NpgsqlConnection)connection;
        await using var import = await npgsql.BeginBinaryImportAsync($"COPY {table} ({columnList}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await import.StartRowAsync(cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < columns.Count; i++)
            {
                await import.WriteAsync(row[i] ?? DBNull.Value, DbType(columns[i].Type), cancellationToken).ConfigureAwait(false);
            }
        }

        await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlDbType DbType(ColumnType type) => type switch
    {
        ColumnType.Text => NpgsqlDbType.Text,
        ColumnType.Integer => NpgsqlDbType.Bigint,
        ColumnType.Money => NpgsqlDbType.Numeric,
        ColumnType.Fraction => NpgsqlDbType.Double,
        ColumnType.Date => NpgsqlDbType.Date,
        ColumnType.Timestamp => NpgsqlDbType.Timestamp,
        ColumnType.Boolean => NpgsqlDbType.Boolean,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
