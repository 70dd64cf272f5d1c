using System.Globalization;
using CampaignBot.Core.CrossCampaign;
using CampaignBot.Core.Results;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Results;

/// <summary>All marketing against the global holdout over [<paramref name="From"/>, <paramref name="To"/>).</summary>
public sealed record HoldoutRequest(GlobalHoldout Holdout, DateTimeOffset From, DateTimeOffset To);

/// <summary>The two sides as the engine counted them: everyone marketing reached, and the holdout.</summary>
public sealed record HoldoutCounts(GroupOutcome Marketed, GroupOutcome HeldOut);

/// <summary>
/// Counts "all marketing against the holdout" in one grouped query inside the engine (docs/results.md): everyone
/// outside the holdout whom a destination reached in the period (control rows are not deliveries), converting with
/// an order in the period at or after their first delivery in it; and every customer in the holdout, converting
/// with an order in the period at or after the period's first delivery to anyone. Each side is one row of customers, converters, revenue and revenue squared.
/// </summary>
public sealed class HoldoutResultsQuery(CustomerEngine engine)
{
    public async Task<HoldoutCounts> CountAsync(HoldoutRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To <= request.From)
        {
            throw new ArgumentException("The period must end after it starts.", nameof(request));
        }

        await CustomerTables.EnsureEventTablesAsync(engine, cancellationToken).ConfigureAwait(false);
        var statement = Sql(request);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var empty = new GroupOutcome(0, 0, 0, 0);
        GroupOutcome marketed = empty, heldOut = empty;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var outcome = new GroupOutcome(Whole(reader.GetValue(1)), Whole(reader.GetValue(2)), Money(reader.GetValue(3)), Money(reader.GetValue(4)));
            if (Whole(reader.GetValue(0)) == 1)
            {
                heldOut = outcome;
            }
            else
            {
                marketed = outcome;
            }
        }

        return new HoldoutCounts(marketed, heldOut);
    }

    /// <summary>The one statement, for reading.</summary>
    public SqlStatement Sql(HoldoutRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sends = engine.Tables.From(CustomerSchema.CampaignSendList);
        var orders = engine.Tables.From(CustomerSchema.TransactionList);
        var customers = engine.Tables.From(CustomerSchema.Customer360);
        var money = engine.TypeOf(ColumnType.Money);
        var timestamp = engine.TypeOf(ColumnType.Timestamp);
        var sql = new SqlBuilder(engine);
        var from = $"CAST({sql.ValuePlaceholder(Timestamp(request.From))} AS {timestamp})";
        var to = $"CAST({sql.ValuePlaceholder(Timestamp(request.To))} AS {timestamp})";

        // The customers lead and the orders are joined GLOBAL, so a sharded engine sends the period's orders once to
        // every shard instead of relying on both sides being sharded alike. A marketed customer's clock starts with
        // their first delivery in the period; the holdout's with the period's first delivery to anyone, so orders from
        // before any marketing began do not count for the holdout alone (that made marketing read worse than nothing).
        sql.Sql($"""
            WITH sides AS (
              SELECT s.customer_id, 0 AS held_out, min(s.sent_at) AS starts_at
              FROM {sends} s
              WHERE NOT s.is_control AND s.sent_at >= {from} AND s.sent_at < {to} AND {HoldoutSql.Outside(sql, request.Holdout, "s")}
              GROUP BY s.customer_id
              UNION ALL
              SELECT c.customer_id, 1 AS held_out,
                coalesce((SELECT min(f.sent_at) FROM {sends} f WHERE NOT f.is_control AND f.sent_at >= {from} AND f.sent_at < {to}), {to}) AS starts_at
              FROM {customers} c
              WHERE {HoldoutSql.HeldOut(sql, request.Holdout, "c")}
            ),
            bought AS (
              SELECT p.customer_id, p.held_out, CAST(sum(t.amount) AS {money}) AS revenue
              FROM sides p {engine.Global("JOIN")} (
                SELECT o.customer_id, o.ordered_at, o.amount FROM {orders} o WHERE o.ordered_at >= {from} AND o.ordered_at < {to}
              ) t ON t.customer_id = p.customer_id
              WHERE t.ordered_at >= p.starts_at
              GROUP BY p.customer_id, p.held_out
            )
            SELECT p.held_out, count(*) AS customers, count(b.customer_id) AS converters,
              coalesce(sum(b.revenue), 0) AS revenue, coalesce(sum(b.revenue * b.revenue), 0) AS revenue_squares
            FROM sides p
            {engine.Global("LEFT JOIN")} bought b ON b.customer_id = p.customer_id AND b.held_out = p.held_out
            GROUP BY p.held_out
            ORDER BY p.held_out
            """);
        return sql.Build();
    }

    private static DateTime Timestamp(DateTimeOffset instant) => DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Unspecified);

    private static long Whole(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static decimal Money(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);
}
