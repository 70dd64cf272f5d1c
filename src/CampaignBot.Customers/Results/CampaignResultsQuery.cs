using System.Globalization;
using CampaignBot.Core.Results;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Results;

/// <summary>Which sends to measure: a campaign's, over all its runs or one run, and how long after each send an order counts.</summary>
public sealed record ResultsRequest(string CampaignId, string? RunId, int AttributionDays);

/// <summary>One group as the engine counted it: a recipient group or its sub-audience's control.</summary>
public sealed record GroupCounts(string SubAudience, string GroupName, bool IsControl, GroupOutcome Outcome);

/// <summary>
/// Counts each group of a campaign's send history in one grouped query inside the engine: its customers, those who
/// ordered within the attribution window after a send, and their revenue's sum and sum of squares (docs/results.md).
/// A customer counts once per group however many runs or destinations reached them; an order counts once however
/// many windows it falls in.
/// </summary>
public sealed class CampaignResultsQuery(CustomerEngine engine)
{
    public async Task<IReadOnlyList<GroupCounts>> CountAsync(ResultsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.AttributionDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.AttributionDays, Core.Campaigns.AttributionRules.MaxDays);
        await CustomerTables.EnsureEventTablesAsync(engine, cancellationToken).ConfigureAwait(false);
        var statement = Sql(request);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand(engine, statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var groups = new List<GroupCounts>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            groups.Add(new GroupCounts(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetBoolean(2),
                new GroupOutcome(Whole(reader.GetValue(3)), Whole(reader.GetValue(4)), Money(reader.GetValue(5)), Money(reader.GetValue(6)))));
        }

        return groups;
    }

    /// <summary>The one statement, for the benchmark and for reading.</summary>
    public SqlStatement Sql(ResultsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sends = engine.Tables.From(CustomerSchema.CampaignSendList);
        var orders = engine.Tables.From(CustomerSchema.TransactionList);
        var money = engine.TypeOf(ColumnType.Money);
        var sql = new SqlBuilder(engine);
        sql.Sql($"""
            WITH sent AS (
              SELECT s.customer_id, s.sub_audience, s.group_name, s.is_control, min(s.sent_at) AS sent_at
              FROM {sends} s
              WHERE s.campaign_id = 
            """).Value(request.CampaignId);
        if (request.RunId is not null)
        {
            sql.Sql(" AND s.run_id = ").Value(request.RunId);
        }

        // Grouped by run too: each run's send opens its own window.
        sql.Sql($"""

              GROUP BY s.customer_id, s.sub_audience, s.group_name, s.is_control, s.run_id
            ),
            bought AS (
              SELECT customer_id, sub_audience, group_name, is_control, CAST(sum(amount) AS {money}) AS revenue
              FROM (
                SELECT DISTINCT sent.customer_id, sent.sub_audience, sent.group_name, sent.is_control, t.order_id, t.amount
                FROM sent JOIN {orders} t ON t.customer_id = sent.customer_id
                WHERE t.ordered_at >= sent.sent_at AND t.ordered_at < {engine.PlusDays("sent.sent_at", request.AttributionDays)}
              ) attributed
              GROUP BY customer_id, sub_audience, group_name, is_control
            ),
            members AS (
              SELECT DISTINCT customer_id, sub_audience, group_name, is_control FROM sent
            )
            SELECT m.sub_audience, m.group_name, m.is_control, count(*) AS customers, count(b.customer_id) AS converters,
              coalesce(sum(b.revenue), 0) AS revenue, coalesce(sum(b.revenue * b.revenue), 0) AS revenue_squares
            FROM members m
            LEFT JOIN bought b ON b.customer_id = m.customer_id AND b.sub_audience = m.sub_audience AND b.group_name = m.group_name AND b.is_control = m.is_control
            GROUP BY m.sub_audience, m.group_name, m.is_control
            ORDER BY m.sub_audience, m.is_control, m.group_name
            """);
        return sql.Build();
    }

    private static long Whole(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static decimal Money(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);
}
