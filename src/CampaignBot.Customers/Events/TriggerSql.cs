using CampaignBot.Core.Triggers;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Events;

/// <summary>Triggers as SQL: which events match, and the pass's slice of an audience.</summary>
internal static class TriggerSql
{
    /// <summary>True when the events row aliased <paramref name="alias"/> is of the trigger's type, passes its filter and is not before <paramref name="since"/>.</summary>
    public static void AppendMatches(SqlBuilder sql, CampaignTrigger trigger, DateTimeOffset since, string alias)
    {
        sql.Sql($"{alias}.event_type = ").Value(trigger.EventType);
        sql.Sql($" AND {alias}.occurred_at >= ").Value(EventStore.Utc(since));
        if (trigger.Filter is { } filter)
        {
            sql.Sql(" AND ");
            AppendFilter(sql, filter, $"{alias}.properties");
        }
    }

    /// <summary>True when the customer_360 row aliased <paramref name="customer"/> is in the pass (and outside the cooldown).</summary>
    public static void AppendInScope(SqlBuilder sql, TriggerScope scope, string customer)
    {
        var engine = sql.Engine;
        sql.Sql($"{customer}.customer_id {engine.Global("IN")} (SELECT t.customer_id FROM {EventSchema.TriggerClaims} t WHERE t.campaign_id = ").Value(scope.CampaignId)
            .Sql(" AND t.run_id = ").Value(scope.RunId).Sql(")");
        if (scope.CooldownStart is { } start)
        {
            sql.Sql($" AND {customer}.customer_id {engine.Global("NOT IN")} (SELECT s.customer_id FROM {engine.Tables.From(CustomerSchema.CampaignSendList)} s")
                .Sql(" WHERE s.customer_id IS NOT NULL AND s.campaign_id = ").Value(scope.CampaignId)
                .Sql(" AND s.run_id <> ").Value(scope.RunId)
                .Sql(" AND s.sent_at > ").Value(EventStore.Utc(start)).Sql(")");
        }
    }

    // The property read out of the JSON text in each engine's own functions; a property missing or of another kind is NULL, which matches nothing.
    private static void AppendFilter(SqlBuilder sql, PropertyFilter filter, string json)
    {
        var op = PropertyFilterText.Symbol(filter.Operator) is "!=" ? "<>" : PropertyFilterText.Symbol(filter.Operator);
        if (filter.Value.IsNumber)
        {
            sql.Sql(NumberOf(sql, json, filter.Property)).Sql($" {op} ").Value((double)filter.Value.Number!.Value);
        }
        else
        {
            sql.Sql(TextOf(sql, json, filter.Property)).Sql($" {op} ").Value(filter.Value.Text);
        }
    }

    private static string TextOf(SqlBuilder sql, string json, string property) => sql.Engine switch
    {
        PostgresEngine => $"(CAST({json} AS jsonb) ->> {sql.ValuePlaceholder(property)})",
        // A string's text, any other value as written (true, 12), as DuckDB and PostgreSQL read them; a missing one is NULL.
        ClickHouseEngine => $"multiIf(JSONType({json}, {sql.ValuePlaceholder(property)}) = 'String', JSONExtractString({json}, {sql.ValuePlaceholder(property)}), JSONHas({json}, {sql.ValuePlaceholder(property)}), JSONExtractRaw({json}, {sql.ValuePlaceholder(property)}), NULL)",
        _ => $"json_extract_string({json}, {sql.ValuePlaceholder("$." + property)})",
    };

    private static string NumberOf(SqlBuilder sql, string json, string property) => sql.Engine switch
    {
        // The JSON type is checked in every engine, so a text such as "12" never compares as a number.
        PostgresEngine => $"(CASE WHEN jsonb_typeof(CAST({json} AS jsonb) -> {sql.ValuePlaceholder(property)}) = 'number' THEN CAST(CAST({json} AS jsonb) ->> {sql.ValuePlaceholder(property)} AS double precision) END)",
        ClickHouseEngine => $"if(JSONType({json}, {sql.ValuePlaceholder(property)}) IN ('Int64', 'UInt64', 'Double'), JSONExtractFloat({json}, {sql.ValuePlaceholder(property)}), NULL)",
        _ => $"(CASE WHEN json_type({json}, {sql.ValuePlaceholder("$." + property)}) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN CAST(json_extract({json}, {sql.ValuePlaceholder("$." + property)}) AS DOUBLE) END)",
    };
}
