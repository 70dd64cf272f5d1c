using System.Globalization;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// Frequency caps as SQL over the send history (<c>campaign_sends</c>): uncorrelated, grouped subqueries, so the
/// engine counts each customer's recent sends once and anti-joins. The history is not kept by customer on a sharded
/// engine, so its sets are computed once and sent to every shard (<see cref="CustomerEngine.Global"/>).
/// </summary>
internal static class FrequencyCapSql
{
    /// <summary>A condition, true when the customer_360 row aliased <paramref name="customer"/> is under the cap.</summary>
    public static void AppendUnderCap(SqlBuilder sql, FrequencyCapCheck check, string customer)
    {
        sql.Sql($"{customer}.customer_id {sql.Engine.Global("NOT IN")} (SELECT s.customer_id FROM {Sends(sql.Engine)} s WHERE s.customer_id IS NOT NULL AND ");
        AppendCounted(sql, check, "s");
        sql.Sql($" GROUP BY s.customer_id HAVING count(*) >= {Number(check.Cap.MaxDeliveries)})");
    }

    /// <summary>
    /// A derived table <c>(customer_id, sends0, sends1, …)</c>: per customer with any counted send, the sends within
    /// each check's window on its channel. Callers LEFT JOIN it by customer id with <see cref="CustomerEngine.Global"/>.
    /// </summary>
    public static void AppendRecentSends(SqlBuilder sql, IReadOnlyList<FrequencyCapCheck> checks, string alias)
    {
        sql.Sql("(SELECT s.customer_id");
        for (var i = 0; i < checks.Count; i++)
        {
            sql.Sql(", count(CASE WHEN ");
            AppendCounted(sql, checks[i], "s");
            sql.Sql($" THEN 1 END) AS sends{Number(i)}");
        }

        var earliest = checks.Min(c => c.WindowStart);
        sql.Sql($" FROM {Sends(sql.Engine)} s WHERE s.customer_id IS NOT NULL AND NOT s.is_control AND s.sent_at > ").Sql(Timestamp(sql, earliest));
        sql.Sql($" GROUP BY s.customer_id) {alias}");
    }

    /// <summary>One row: per check, the customer's sends it counts.</summary>
    public static SqlStatement CountsFor(CustomerEngine engine, string customerId, IReadOnlyList<FrequencyCapCheck> checks)
    {
        var sql = new SqlBuilder(engine).Sql("SELECT ");
        for (var i = 0; i < checks.Count; i++)
        {
            sql.Sql(i > 0 ? ", count(CASE WHEN " : "count(CASE WHEN ");
            AppendCounted(sql, checks[i], "s");
            sql.Sql(" THEN 1 END)");
        }

        sql.Sql($" FROM {Sends(sql.Engine)} s WHERE s.customer_id = ").Value(customerId);
        return sql.Build();
    }

    internal static string Sends(CustomerEngine engine) => engine.Tables.From(CustomerSchema.CampaignSendList);

    /// <summary>True when the <c>s</c> row is a recipient send on the check's channel within its window.</summary>
    internal static void AppendCounted(SqlBuilder sql, FrequencyCapCheck check, string alias)
    {
        sql.Sql($"NOT {alias}.is_control AND {alias}.channel = ").Value(check.Cap.Channel);
        sql.Sql($" AND {alias}.sent_at > ").Sql(Timestamp(sql, check.WindowStart));
        sql.Sql($" AND {alias}.sent_at <= ").Sql(Timestamp(sql, check.Now));
        if (check.ExceptRunId is { } run)
        {
            sql.Sql($" AND {alias}.run_id <> ").Value(run);
        }
    }

    // The history holds UTC instants without a zone; a DateTime of unspecified kind binds to that type in every engine.
    private static string Timestamp(SqlBuilder sql, DateTimeOffset instant) =>
        sql.ValuePlaceholder(DateTime.SpecifyKind(instant.UtcDateTime, DateTimeKind.Unspecified));

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
