using System.Data.Common;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Segments;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Segments;

/// <summary>
/// Six hand-written customers in a DuckDB file of their own, chosen to sit on the edges segments care
/// about: NULLs, empty and blank text, mixed case, literal % and _, bounds, dates either side of a cut-off.
/// As a class fixture, tests only read them.
/// </summary>
public sealed class SegmentCustomers : IAsyncLifetime, IAsyncDisposable
{
    public static readonly DateOnly Today = new(2026, 3, 31);

    private static readonly object?[][] Rows =
    [
        // customer_id, given_name, email, state, city, lifetime_value, churn_risk, loyalty_member, last_order_date, order_count
        ["c1", "Ann", "ann@example.com", "WA", "Seattle", 100.00m, 0.10, true, Today, 5L],
        ["c2", "Bob", "", "wa", "Spokane", 500.00m, 0.70, false, Today.AddDays(-90), 1L],
        ["c3", "Cy", null, null, null, null, null, null, null, null],
        ["c4", "Dee", "  ", "OR", "50% off", 500.01m, 0.71, true, Today.AddDays(-91), 2L],
        ["c5", "x' OR '1'='1", "x@example.com", "CA", "500 off", 99.99m, 0.0, false, Today.AddDays(1), 0L],
        ["c6", "a_b", "ANN@EXAMPLE.COM", "'; DROP TABLE customer_360; --", "axb", 1000.00m, 1.0, true, new DateOnly(2026, 1, 15), 10L],
    ];

    private readonly DuckDbFile _file = new();

    // DuckDB closes a file database with its last connection; one held open spares every query a reopen.
    private DbConnection? _keepOpen;

    public CustomerEngine Engine => _file.Engine;

    public static int Count => Rows.Length;

    public async Task InitializeAsync()
    {
        _keepOpen = await Engine.OpenAsync();
        await CustomerTables.EnsureCreatedAsync(Engine);
        await using var connection = await Engine.OpenAsync();
        foreach (var row in Rows)
        {
            var insert = new SqlBuilder(Engine).Sql(
                "INSERT INTO customer_360 (customer_id, given_name, email, state, city, lifetime_value, churn_risk, loyalty_member, last_order_date, order_count) VALUES (");
            for (var i = 0; i < row.Length; i++)
            {
                insert.Sql(i > 0 ? ", " : "").Value(row[i]);
            }

            await connection.ExecuteAsync(Engine, insert.Sql(")").Build());
        }
    }

    /// <summary>The ids of the customers the segment selects, in order, as "c1 c2".</summary>
    public async Task<string> MatchAsync(BoundFilter segment, DateOnly today)
    {
        var sql = new SqlBuilder(Engine).Sql("SELECT customer_id FROM customer_360 c WHERE ");
        SegmentSql.AppendPredicate(sql, segment, "c", today);
        sql.Sql(" ORDER BY customer_id");

        await using var connection = await Engine.OpenAsync();
        await using var command = connection.CreateCommand(Engine, sql.Build());
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return string.Join(' ', ids);
    }

    public async Task DisposeAsync()
    {
        if (_keepOpen is not null)
        {
            await _keepOpen.DisposeAsync();
        }

        await _file.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
}
