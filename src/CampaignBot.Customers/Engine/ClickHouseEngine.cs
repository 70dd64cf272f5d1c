using System.Data.Common;
using System.Globalization;
using CampaignBot.Customers.Schema;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO;
using ClickHouse.Driver.ADO.Parameters;

namespace CampaignBot.Customers.Engine;

/// <summary>
/// A ClickHouse cluster through its official driver (HTTP). Each table is a <c>Distributed</c> table over a table of
/// the same name plus <c>_local</c> on every shard; tables of customer rows are sharded alike by customer id, so a
/// customer's rows share a shard and joins on customer_id run on the shards without crossing the network. What
/// is not kept by customer (suppressions) is joined <c>GLOBAL</c>: computed once and sent to every shard.
/// </summary>
public sealed class ClickHouseEngine : CustomerEngine, IAsyncDisposable
{
    public const string LocalSuffix = "_local";
    private const int InsertBatch = 100_000;

    private readonly ClickHouseCluster _cluster;
    private readonly ClickHouseDataSource _dataSource;
    private readonly ClickHouseNodes _nodes;

    public ClickHouseEngine(ClickHouseCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        cluster.Validate();
        _cluster = cluster;
        _dataSource = DataSource(cluster.ConnectionString);
        _nodes = new ClickHouseNodes(cluster.Name, cluster.NodeConnectionStrings.Select(DataSource).ToList());
    }

    public override string Name => "clickhouse";

    public ClickHouseCluster Cluster => _cluster;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await _nodes.DisposeAsync().ConfigureAwait(false);
    }

    public override string Placeholder(int ordinal, object? value) => $"{{{ParameterName(ordinal)}:{TypeOfValue(value)}}}";

    public override DbParameter Parameter(int ordinal, object? value) =>
        new ClickHouseDbParameter { ParameterName = ParameterName(ordinal), ClickHouseType = TypeOfValue(value), Value = value ?? DBNull.Value };

    public override string TypeOf(ColumnType type) => type switch
    {
        ColumnType.Text => "String",
        ColumnType.Integer => "Int64",
        ColumnType.Money => "Decimal(18, 2)",
        ColumnType.Fraction => "Float64",

        // Date covers only 1970–2149; birthdates go back further.
        ColumnType.Date => "Date32",
        ColumnType.Boolean => "Bool",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    // MD5 returns the 16 bytes; the split hashes the hex text, as .NET, DuckDB and PostgreSQL do.
    public override string Md5Hex(string textExpression) => $"lower(hex(MD5({textExpression})))";

    // unhex gives the bytes in reading order; reinterpretAsUInt32 reads little-endian, hence reverse.
    public override string HexToInteger(string hexExpression) => $"reinterpretAsUInt32(reverse(unhex({hexExpression})))";

    // "/" always divides as floating point in ClickHouse.
    public override string IntegerDivide(string dividend, string divisor) => $"intDiv({dividend}, {divisor})";

    public override string Series(string countExpression) => $"(SELECT number AS i FROM numbers_mt(toUInt64({countExpression}))) AS series";

    public override string PickFrom(IReadOnlyList<string> words, string zeroBasedIndex) =>
        $"([{string.Join(", ", words.Select(Literal))}][({zeroBasedIndex}) + 1])";

    public override string StartsWith(string text, string prefix) => $"startsWith({text}, {prefix})";

    public override string Contains(string text, string part) => $"position({text}, {part}) > 0";

    public override string AnyTrue(string condition) => $"max({condition})";

    public override string Global(string keyword) => "GLOBAL " + keyword;

    public override Task<DbTransaction?> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        Task.FromResult<DbTransaction?>(null);

    /// <summary>The shard's table under <paramref name="table"/>'s Distributed table.</summary>
    public static string Local(string table) => table + LocalSuffix;

    public override async Task CreateTableAsync(DbConnection connection, TableShape table, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Temporary)
        {
            // Scratch tables are shared by the cluster rather than the connection's: start empty.
            await DropTableAsync(connection, table.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var columns = string.Join(", ", table.Columns.Select(c => $"{SqlBuilder.Quote(c.Name)} {(c.Required ? TypeOf(c.Type) : $"Nullable({TypeOf(c.Type)})")}"));
        var sortedBy = string.Join(", ", table.Columns.Where(c => c.Required).Select(c => SqlBuilder.Quote(c.Name)));
        var database = Literal(connection.Database);
        var shardingKey = table.ByCustomer ? RequireCustomerKey(table) : "rand()";
        await _nodes.RunAsync(this, connection, onCluster => new SqlStatement(
            $"CREATE TABLE IF NOT EXISTS {Local(table.Name)}{onCluster} ({columns}) ENGINE = {_cluster.TableEngine} ORDER BY ({sortedBy})", []), cancellationToken).ConfigureAwait(false);
        await _nodes.RunAsync(this, connection, onCluster => new SqlStatement(
            $"CREATE TABLE IF NOT EXISTS {table.Name}{onCluster} AS {Local(table.Name)} ENGINE = Distributed({Literal(_cluster.Name)}, {database}, {Literal(Local(table.Name))}, {shardingKey})", []),
            cancellationToken).ConfigureAwait(false);
    }

    public override async Task DropTableAsync(DbConnection connection, string table, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        await _nodes.RunAsync(this, connection, onCluster => new SqlStatement($"DROP TABLE IF EXISTS {table}{onCluster} SYNC", []), cancellationToken).ConfigureAwait(false);
        await _nodes.RunAsync(this, connection, onCluster => new SqlStatement($"DROP TABLE IF EXISTS {Local(table)}{onCluster} SYNC", []), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Exchanges each shard's tables (atomic per table and node), so the Distributed tables read the new rows; the old
    /// ones are dropped. Between the first exchange and the last a reader may see new and old tables side by side.
    /// </summary>
    public override async Task ReplaceTablesAsync(DbConnection connection, IReadOnlyList<(string Live, string Fresh)> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var (live, fresh) in tables)
        {
            await _nodes.RunAsync(this, connection, onCluster => new SqlStatement($"EXCHANGE TABLES {Local(fresh)} AND {Local(live)}{onCluster}", []), cancellationToken).ConfigureAwait(false);
        }

        foreach (var (_, fresh) in tables)
        {
            await DropTableAsync(connection, fresh, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    // A Distributed table takes no DELETE: each shard deletes from its own table (a lightweight delete, visible at once).
    public override Task DeleteAsync(
        DbConnection connection, string table, Func<Func<string, string>, SqlStatement> condition, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var where = condition(Local);
        return _nodes.RunAsync(this, connection, onCluster => where with { Text = $"DELETE FROM {Local(table)}{onCluster} WHERE {where.Text}" }, cancellationToken);
    }

    /// <summary>Inserts through the Distributed table in batches; with foreground inserts on, every shard holds its rows when this returns.</summary>
    public override async Task BulkInsertAsync(
        DbConnection connection, string table, IReadOnlyList<CustomerColumn> columns,
        IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var client = _dataSource.GetClient();
        var names = columns.Select(c => c.Name).ToList();
        var batch = new List<object[]>(InsertBatch);
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(row!);
            if (batch.Count == InsertBatch)
            {
                await client.InsertBinaryAsync(table, names, batch, cancellationToken: cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await client.InsertBinaryAsync(table, names, batch, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    internal static new string Literal(string word) => CustomerEngine.Literal(word);

    private static string ParameterName(int ordinal) => "p" + ordinal.ToString(CultureInfo.InvariantCulture);

    private static string TypeOfValue(object? value) => value switch
    {
        null => "Nullable(String)",
        string => "String",
        bool => "Bool",
        long => "Int64",
        int => "Int32",
        decimal money => $"Decimal(38, {money.Scale.ToString(CultureInfo.InvariantCulture)})",
        double => "Float64",
        DateOnly => "Date32",
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be a ClickHouse parameter here.", nameof(value)),
    };

    private string RequireCustomerKey(TableShape table) =>
        table.Columns.Any(c => c.Name == TableShape.CustomerKey && c.Required)
            ? _cluster.ShardingKey
            : throw new ArgumentException($"{table.Name} is kept by customer but has no required {TableShape.CustomerKey} column.", nameof(table));

    // Settings every query runs with. join_use_nulls: a LEFT JOIN without a match gives NULLs, as in SQL (the
    // attribute joins and anti-joins rely on it). distributed_product_mode 'local': a join or IN over two
    // Distributed tables joins each shard's own parts, right for tables sharded alike by customer id; the rest is
    // written GLOBAL. distributed_foreground_insert: an INSERT returns once every shard holds its rows.
    private static ClickHouseDataSource DataSource(string connectionString)
    {
        var builder = new ClickHouseConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Timeout"))
        {
            // Generating or importing millions of rows answers only at the end; the driver's default is two minutes.
            builder.Timeout = TimeSpan.FromHours(1);
        }

        var settings = new ClickHouseClientSettings(builder) { UseCustomDecimals = false };
        settings.CustomSettings["join_use_nulls"] = 1;
        settings.CustomSettings["distributed_product_mode"] = "local";
        settings.CustomSettings["distributed_foreground_insert"] = 1;
        return new ClickHouseDataSource(settings);
    }
}
