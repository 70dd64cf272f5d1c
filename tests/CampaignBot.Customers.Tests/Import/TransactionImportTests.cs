using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Import;

/// <summary>Orders imported into transactions: kept by order id, times stored in UTC, bad rows named by line and column.</summary>
public sealed class TransactionImportTests : IAsyncLifetime
{
    private const string Stored = "customer_id,order_id,ordered_at,amount\nC1,O1,2026-11-01T10:00:00Z,10.00\n";
    private readonly DuckDbFile _duck = new();
    private readonly ImportFiles _files = new();

    private CustomerImporter Importer => new(_duck.Engine);

    public Task InitializeAsync() => CustomerTables.EnsureCreatedAsync(_duck.Engine);

    public async Task DisposeAsync()
    {
        await _duck.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task Order_times_are_stored_in_UTC_whatever_offset_the_file_writes()
    {
        var file = _files.Csv("""
            customer_id,order_id,ordered_at,amount,channel
            C1,O1,2026-11-23T10:15:30Z,19.99,web
            C1,O2,2026-11-23 10:15,5,store
            C2,O3,2026-11-23T12:15:30.25+02:00,-3.50,app
            C3,O4,2026-11-23T05:00:00-05:00,1000000.01,
            C4,O5,2026-11-23,0.00,web
            """);

        var report = await Importer.ImportAsync(file, ImportFiles.Into(ImportTarget.Transactions, ImportMode.Replace));

        Assert.True(report.Committed, report.Failure);
        Assert.Equal(
            [
                "O1|C1|2026-11-23T10:15:30|19.99|web",
                "O2|C1|2026-11-23T10:15:00|5.00|store",
                "O3|C2|2026-11-23T10:15:30.25|-3.50|app",
                "O4|C3|2026-11-23T10:00:00|1000000.01|∅",
                "O5|C4|2026-11-23T00:00:00|0.00|web",
            ],
            await OrdersAsync());
    }

    [Fact]
    public async Task Parquet_timestamps_with_and_without_a_zone_and_decimal_amounts_import_as_orders()
    {
        var file = await _files.ParquetAsync("""
            SELECT * FROM (VALUES
              ('C1', 'O1', TIMESTAMP '2026-11-23 10:15:30', CAST(19.99 AS DECIMAL(18, 2)), TIMESTAMPTZ '2026-11-23 12:15:30+02'),
              ('C2', 'O2', TIMESTAMP '2026-11-24 00:00:00', CAST(5 AS DECIMAL(18, 2)), TIMESTAMPTZ '2026-11-24 00:00:00+00')
            ) t(customer_id, order_id, ordered_at, amount, placed)
            """);

        var plain = await Importer.ImportAsync(file, ImportFiles.Into(ImportTarget.Transactions, ImportMode.Replace, new Dictionary<string, string> { ["placed"] = "-" }));
        var plainOrders = await OrdersAsync();
        var zoned = await Importer.ImportAsync(file, ImportFiles.Into(ImportTarget.Transactions, ImportMode.Replace, new Dictionary<string, string> { ["ordered_at"] = "-", ["placed"] = "ordered_at" }));

        Assert.True(plain.Committed && zoned.Committed, plain.Failure ?? string.Join("; ", zoned.Problems.Select(p => $"{p.Line} {p.Column} {p.Reason}")));
        Assert.Equal(["O1|C1|2026-11-23T10:15:30|19.99|∅", "O2|C2|2026-11-24T00:00:00|5.00|∅"], plainOrders);
        Assert.Equal(plainOrders, await OrdersAsync());
    }

    [Fact]
    public async Task An_order_id_listed_twice_bad_times_and_bad_amounts_are_named_by_line_and_column_and_nothing_changes()
    {
        await Importer.ImportAsync(_files.Csv(Stored), ImportFiles.Into(ImportTarget.Transactions, ImportMode.Replace));
        var file = _files.Csv("""
            customer_id,order_id,ordered_at,amount
            C2,O7,2026-11-02T09:00:00Z,12.00
            C3,O8,23/11/2026 10:00,12.00
            C4,O9,2026-11-02T09:00:00Z,twelve
            C5,O7,2026-11-03T09:00:00Z,13.00
            C6,O10,1850-01-01T00:00:00Z,1.00
            C7,O11,,1.00
            ,O12,2026-11-02T09:00:00Z,1.00
            C8,O13,2026-11-02T25:00:00Z,$4
            """);

        var report = await Importer.ImportAsync(file, ImportFiles.Into(ImportTarget.Transactions));

        Assert.False(report.Committed);
        Assert.Equal((8L, 7L), (report.RowsRead, report.Rejected));
        var timestamp = "not a time written YYYY-MM-DD HH:MM:SS (UTC, unless it ends with Z or an offset such as +02:00)";
        Assert.Equal(
            [
                new ImportProblem(3, "ordered_at", timestamp),
                new ImportProblem(4, "amount", "not an amount such as 199.95"),
                new ImportProblem(5, "order_id", "the same order_id as line 2"),
                new ImportProblem(6, "ordered_at", "outside the years 1900 to 2299"),
                new ImportProblem(7, "ordered_at", "empty; every row of transactions needs an ordered_at"),
                new ImportProblem(8, "customer_id", "empty; every row of transactions needs a customer_id"),
                new ImportProblem(9, "amount", "not an amount such as 199.95"),
                new ImportProblem(9, "ordered_at", timestamp),
            ],
            report.Problems);
        Assert.DoesNotContain(report.Problems, p => p.Reason.Contains("2026", StringComparison.Ordinal) || p.Reason.Contains("twelve", StringComparison.Ordinal));
        Assert.Equal(["O1|C1|2026-11-01T10:00:00|10.00|∅"], await OrdersAsync());
    }

    [Fact]
    public async Task A_file_without_the_columns_an_order_needs_names_each_of_them()
    {
        var report = await Importer.ImportAsync(_files.Csv("order_id,channel\nO1,web\n"), ImportFiles.Into(ImportTarget.Transactions));

        Assert.False(report.Committed);
        Assert.Equal(
            [
                "there is no customer_id column; every row of transactions needs one",
                "there is no ordered_at column; every row of transactions needs one",
                "there is no amount column; every row of transactions needs one",
            ],
            report.Problems.Select(p => p.Reason));
    }

    [Fact]
    public async Task Appending_an_order_already_stored_is_refused_by_its_line()
    {
        await Importer.ImportAsync(_files.Csv(Stored), ImportFiles.Into(ImportTarget.Transactions, ImportMode.Replace));

        var report = await Importer.ImportAsync(
            _files.Csv("customer_id,order_id,ordered_at,amount\nC2,O2,2026-11-02T09:00:00Z,1\nC9,O1,2026-11-02T09:00:00Z,2\n"),
            ImportFiles.Into(ImportTarget.Transactions, ImportMode.Append));

        Assert.False(report.Committed);
        Assert.Equal([new ImportProblem(3, "order_id", "transactions already holds this order_id; import with mode upsert to update it")], report.Problems);
        Assert.Equal(["O1|C1|2026-11-01T10:00:00|10.00|∅"], await OrdersAsync());
    }

    // Each order as "order|customer|ordered_at (ISO, UTC)|amount|channel", by order id.
    private async Task<List<string>> OrdersAsync()
    {
        await using var connection = await _duck.Engine.OpenAsync();
        await using var command = connection.CreateCommand(_duck.Engine, new SqlStatement("SELECT order_id, customer_id, ordered_at, amount, channel FROM transactions ORDER BY order_id", []));
        await using var reader = await command.ExecuteReaderAsync();
        var orders = new List<string>();
        while (await reader.ReadAsync())
        {
            var at = reader.GetDateTime(2).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
            orders.Add($"{reader.GetString(0)}|{reader.GetString(1)}|{at}|{EngineReads.Canonical(reader.GetDecimal(3))}|{(reader.IsDBNull(4) ? "∅" : reader.GetString(4))}");
        }

        return orders;
    }
}
