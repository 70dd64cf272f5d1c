using System.Globalization;
using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Events;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Segments;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// The audience build as one statement, so the engine does the set logic and the split next to the
/// data: include (OR) and not exclude (OR) and not suppressed and outside the global holdout, one row per customer of customer_360,
/// the first matching sub-audience (or the catch-all, or -1), and the group from the split bucket.
/// </summary>
internal static class AudienceSql
{
    public const string Placed = "placed";

    /// <summary>
    /// A derived table <c>placed(customer_id, sub_audience, group_index)</c>, plus <c>x0</c>, <c>x1</c>, … for the
    /// <paramref name="carried"/> columns.
    /// </summary>
    public static void AppendPlaced(SqlBuilder sql, AudienceRequest request, CarriedColumns? carried = null)
    {
        if (request.Include.Count == 0)
        {
            throw new ArgumentException("An audience needs at least one include segment.", nameof(request));
        }

        if (request.Snapshot is { } snapshot)
        {
            AppendStored(sql, request, snapshot, carried);
            return;
        }

        var extra = carried?.Expressions ?? [];
        var key = sql.ValuePlaceholder(request.SplitKey);
        sql.Sql("(SELECT a.customer_id, a.sub_audience, ");
        AppendGroup(sql, request.Plan);
        sql.Sql(" AS group_index");
        for (var i = 0; i < extra.Count; i++)
        {
            sql.Sql($", a.{CarriedColumns.Name(i)}");
        }

        // Named: with joins, ClickHouse would name the bare column c.customer_id.
        sql.Sql(" FROM (SELECT c.customer_id AS customer_id, ");
        AppendSubAudience(sql, request);
        sql.Sql($" AS sub_audience, {sql.Engine.SplitBucket(key, "c.customer_id")} AS bucket");
        for (var i = 0; i < extra.Count; i++)
        {
            sql.Sql($", {extra[i]} AS {CarriedColumns.Name(i)}");
        }

        sql.Sql($" FROM {sql.Engine.Tables.From(CustomerSchema.Customer360)} c");
        carried?.AppendJoins(sql);
        sql.Sql(" WHERE ");
        AppendAny(sql, request.Include, request.Today);
        if (request.Exclude.Count > 0)
        {
            sql.Sql(" AND NOT ");
            AppendAny(sql, request.Exclude, request.Today);
        }

        sql.Sql(" AND ");
        SuppressionSql.AppendNotSuppressed(sql, "c", SuppressionSql.ChannelsFor(request.SuppressionChannel));
        if (request.Holdout is { } holdout)
        {
            sql.Sql(" AND ").Sql(HoldoutSql.Outside(sql, holdout, "c"));
        }

        if (request.Cap is { } cap)
        {
            sql.Sql(" AND ");
            FrequencyCapSql.AppendUnderCap(sql, cap, "c");
        }

        if (request.Trigger is { } trigger)
        {
            sql.Sql(" AND ");
            TriggerSql.AppendInScope(sql, trigger, "c");
        }

        sql.Sql($") a) {Placed}");
    }

    // The same derived table read from the run's stored audience (alias c, which has customer_id like customer_360
    // and is sharded like it): the include, exclude, "all" suppressions, holdout and split were applied when it was stored.
    private static void AppendStored(SqlBuilder sql, AudienceRequest request, RunAudience snapshot, CarriedColumns? carried)
    {
        var extra = carried?.Expressions ?? [];
        sql.Sql("(SELECT c.customer_id AS customer_id, c.sub_audience AS sub_audience, c.group_index AS group_index");
        for (var i = 0; i < extra.Count; i++)
        {
            sql.Sql($", {extra[i]} AS {CarriedColumns.Name(i)}");
        }

        sql.Sql($" FROM {snapshot.Table} c");
        carried?.AppendJoins(sql);
        var conditions = new List<string>();
        foreach (var channel in SuppressionSql.ChannelsFor(request.SuppressionChannel).Where(c => c != CustomerSchema.AllChannels))
        {
            var flag = snapshot.SuppressedColumn(channel)
                ?? throw new InvalidOperationException($"The run's stored audience has no suppression flag for '{channel}'; build the audience instead.");
            conditions.Add($"NOT c.{flag}");
        }

        if (conditions.Count > 0)
        {
            sql.Sql(" WHERE ").Sql(string.Join(" AND ", conditions));
        }

        if (request.Cap is { } cap)
        {
            sql.Sql(conditions.Count > 0 ? " AND " : " WHERE ");
            FrequencyCapSql.AppendUnderCap(sql, cap, "c");
        }

        sql.Sql($") {Placed}");
    }

    /// <summary>True when the customer (alias c) is in any of the segments.</summary>
    public static void AppendAny(SqlBuilder sql, IReadOnlyList<BoundFilter> filters, DateOnly today) =>
        SegmentSql.AppendPredicate(sql, filters.Count == 1 ? filters[0] : new BoundAnyOf(filters), "c", today);

    private static void AppendSubAudience(SqlBuilder sql, AudienceRequest request)
    {
        var matched = request.SubAudiences.TakeWhile(s => s is not null).ToList();
        var otherwise = Number(matched.Count < request.SubAudiences.Count ? matched.Count : -1);
        if (matched.Count == 0)
        {
            sql.Sql(otherwise);
            return;
        }

        sql.Sql("CASE");
        for (var i = 0; i < matched.Count; i++)
        {
            sql.Sql(" WHEN ");
            SegmentSql.AppendPredicate(sql, matched[i]!, "c", request.Today);
            sql.Sql($" THEN {Number(i)}");
        }

        sql.Sql($" ELSE {otherwise} END");
    }

    // Buckets below the control bound are held out; each group owns the range up to its bound.
    private static void AppendGroup(SqlBuilder sql, SplitPlan plan)
    {
        sql.Sql("CASE a.sub_audience");
        for (var s = 0; s < plan.SubAudienceCount; s++)
        {
            var layout = plan[s];
            var last = Number(layout.GroupUpperBounds.Length - 1);
            if (layout.ControlBuckets == 0 && layout.GroupUpperBounds.Length == 1)
            {
                // No control and one group takes every bucket; a CASE without WHEN is not SQL.
                sql.Sql($" WHEN {Number(s)} THEN {last}");
                continue;
            }

            sql.Sql($" WHEN {Number(s)} THEN CASE");
            if (layout.ControlBuckets > 0)
            {
                sql.Sql($" WHEN a.bucket < {Number(layout.ControlBuckets)} THEN {Number(GroupSlot.ControlGroup)}");
            }

            for (var g = 0; g < layout.GroupUpperBounds.Length - 1; g++)
            {
                sql.Sql($" WHEN a.bucket < {Number(layout.GroupUpperBounds[g])} THEN {Number(g)}");
            }

            sql.Sql($" ELSE {last} END");
        }

        sql.Sql($" ELSE {Number(GroupSlot.ControlGroup)} END");
    }

    /// <param name="afterCustomerId">Keeps only customers whose id sorts (bytewise) after this one; null keeps all.</param>
    public static void AppendFilter(SqlBuilder sql, AudienceSlice slice, string? afterCustomerId)
    {
        var conditions = new List<string>();
        if (slice.Slot is { } slot)
        {
            conditions.Add($"{Placed}.sub_audience = {Number(slot.SubAudience)} AND {Placed}.group_index = {Number(slot.Group)}");
        }
        else if (slice.RecipientsOnly)
        {
            conditions.Add($"{Placed}.sub_audience >= 0 AND {Placed}.group_index >= 0");
        }

        if (afterCustomerId is not null)
        {
            conditions.Add($"{OrderKey(sql.Engine)} > {sql.Engine.BinaryText(sql.ValuePlaceholder(afterCustomerId))}");
        }

        if (conditions.Count > 0)
        {
            sql.Sql(" WHERE ").Sql(string.Join(" AND ", conditions));
        }
    }

    /// <summary>The customer id as ordered streams sort and resume by.</summary>
    public static string OrderKey(CustomerEngine engine) => engine.BinaryText($"{Placed}.customer_id");

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
