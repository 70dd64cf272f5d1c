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
public sealed partial class ClickHouseEngine : CustomerEngine, IAsyncDisposable
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
        ColumnType.Timestamp => "DateTime64(3, 'UTC')",
        ColumnType.Boolean => "Bool",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    // A plain type holds no NULL in ClickHouse: CAST(NULL AS String) is refused.
    public override string NullOf(ColumnType type) => $"CAST(NULL AS Nullable({TypeOf(type)}))";

    // MD5 returns the 16 bytes; the split hashes the hex text, as .NET, DuckDB and PostgreSQL do.
    public override string Md5Hex(string textExpression) => $"lower(hex(MD5({textExpression})))";

    // unhex gives the bytes in reading order; reinterpretAsUInt32 reads little-endian, hence reverse.
    public override string HexToInteger(string hexExpression) => $"reinterpretAsUInt32(reverse(unhex({hexExpression})))";

    // "/" always divides as floating point in ClickHouse.
    public override string IntegerDivide(string dividend, string divisor) => $"intDiv({dividend}, {divisor})";

    public override string Series(string countExpression) => $"(SELECT number AS i FROM numbers_mt(toUInt64({countExpression}))) AS series";

    public override string PickFrom(IReadOnlyList<string> words, string zeroBasedIndex) =>
        $"([{string.Join(", ", words.Select(Literal))}][({zeroBasedIndex}) + 1])";

    public override string PlusDays(string timestamp, int days) => $"addDays({timestamp}, {days.ToString(CultureInfo.InvariantCulture)})";

    public override string PlusMinutes(string timestamp, string minutesExpression) => $"addMinutes({timestamp}, {minutesExpression})";

    public override string StartsWith(string text, string prefix) => $"startsWith({text}, {prefix})";

    public override string Contains(string text, string part) => $"position({text}, {part}) > 0";

    public override string AnyTrue(string condition) => $"max({condition})";

    public override string Global(string keyword) => "GLOBAL " + keyword;

    public override string FirstRowOnly => "";

    // The driver's affected-rows count for an INSERT … SELECT is not reliably the rows written, least of all through a
    // Distributed table whose shards write them.
    public override bool ReportsInsertedRows => false;

    public override Task<DbTransaction?> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        Task.FromResult<DbTransaction?>(null);

    /// <summary>
    /// ClickHouse writes the CSV (strings always quoted, NULL as an empty field) and .NET copies its bytes to the file,
    /// counting rows on the way: no value is read into .NET.
    /// </summary>
    public override async Task<long> ExportCsvAsync(SqlStatement query, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = (ClickHouseCommand)connection.CreateCommand(this, query with { Text = query.Text + " FORMAT CSVWithNames" });
        command.CustomSettings["format_csv_null_representation"] = "";
        using var result = await command.ExecuteRawResultAsync(cancellationToken).ConfigureAwait(false);
        await using var body = await result.ReadDecompressedStreamAsync().ConfigureAwait(false);
        await using var file = File.Create(path);
        return await CsvLines.CopyAsync(body, file, cancellationToken).ConfigureAwait(false) - 1;
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

        // Instants are bound as UTC wall-clock times, as the send history stores them.
        DateTime => "DateTime64(6, 'UTC')",
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
    // optimize_skip_unused_shards: a query for one customer id (explain) goes only to that customer's shard.
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
        settings.CustomSettings["optimize_skip_unused_shards"] = 1;
        return new ClickHouseDataSource(settings);
    }
}
