using CampaignBot.Core.CrossCampaign;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.DemoData;

/// <summary>
/// The effect the demo plants: how much more recipients convert than their control (in proportion: 0.01 is one
/// percentage point) and how much more they spend per order (1.05 is 5% more).
/// </summary>
public sealed record PlantedEffect(double ConversionLift, double SpendFactor)
{
    /// <summary>The demo's documented effect (docs/results.md): +1.0 point of conversion, 5% more per order.</summary>
    public static PlantedEffect Demo { get; } = new(0.01, 1.05);

    /// <summary>Recipients behave exactly as their control does.</summary>
    public static PlantedEffect None { get; } = new(0, 1);
}

/// <summary>
/// Demo mode's stand-in for shoppers: after a run, adds the orders its recipients and control place within the
/// attribution window, with <see cref="PlantedEffect"/> planted, so results have something true to find. Control
/// customers convert at <see cref="BaseConversion"/>; recipients at that plus the lift; the global holdout's
/// customers, when there is a holdout, at the control's rate within the window after the run's first send. Every choice derives from
/// md5(seed, run, customer), in SQL inside the engine, so the same seed gives the same orders in every engine.
/// </summary>
public sealed class OrderSimulator(CustomerEngine engine)
{
    /// <summary>The share of control customers who order within the window: 4%.</summary>
    public const double BaseConversion = 0.04;

    private const int Scale = 1_000_000;

    /// <summary>Adds the run's simulated orders, replacing any an earlier call added for it.</summary>
    /// <param name="holdout">The global holdout, whose customers shop at the control's rate after each run; null for none.</param>
    public async Task AddOrdersAsync(
        string runId, int attributionDays, PlantedEffect effect, string seed = DemoDataGenerator.DefaultSeed, GlobalHoldout? holdout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(effect);
        ArgumentOutOfRangeException.ThrowIfLessThan(attributionDays, 1);
        await CustomerTables.EnsureEventTablesAsync(engine, cancellationToken).ConfigureAwait(false);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        var prefix = $"S-{runId}-";
        await engine.DeleteAsync(connection, CustomerSchema.Transactions, _ =>
        {
            var condition = new SqlBuilder(engine);
            return condition.Sql(engine.StartsWith("order_id", condition.ValuePlaceholder(prefix))).Build();
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(engine, Insert(runId, prefix, attributionDays, effect, seed, holdout), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private SqlStatement Insert(string runId, string prefix, int attributionDays, PlantedEffect effect, string seed, GlobalHoldout? holdout)
    {
        var sql = new SqlBuilder(engine);
        var money = engine.TypeOf(ColumnType.Money);
        var control = (long)Math.Round(BaseConversion * Scale);
        var recipients = (long)Math.Round((BaseConversion + effect.ConversionLift) * Scale);
        var spend = (long)Math.Round(effect.SpendFactor * 1000);
        var prefixValue = sql.ValuePlaceholder(prefix);
        var seedValue = sql.ValuePlaceholder(seed);
        var runValue = sql.ValuePlaceholder(runId);
        var cents = engine.IntegerDivide($"(2000 + r2 % 10000) * (CASE WHEN is_control THEN 1000 ELSE {spend} END)", "1000");
        sql.Sql($"""
            INSERT {engine.Tables.InsertInto(CustomerSchema.TransactionList, CustomerSchema.TransactionList.Columns)}
            SELECT customer_id, {prefixValue} || customer_id, {engine.PlusMinutes("sent_at", $"r3 % {attributionDays * 1440}")},
              CAST(CAST({cents} AS {money}) * CAST('0.01' AS {money}) AS {money}), 'web'
            FROM (
              SELECT customer_id, is_control, sent_at,
                {engine.HexToInteger("substr(h, 1, 8)")} AS r1, {engine.HexToInteger("substr(h, 9, 8)")} AS r2, {engine.HexToInteger("substr(h, 17, 8)")} AS r3
              FROM (
                SELECT customer_id, is_control, sent_at, {engine.Md5Hex($"{seedValue} || ':' || {runValue} || ':' || customer_id")} AS h
                FROM (
                  SELECT s.customer_id, s.is_control, min(s.sent_at) AS sent_at
                  FROM {engine.Tables.From(CustomerSchema.CampaignSendList)} s
                  WHERE s.run_id = {runValue}
                  GROUP BY s.customer_id, s.is_control{HoldoutShoppers(sql, runValue, holdout)}
                ) sent
              ) hashed
            ) r
            WHERE r1 % {Scale} < CASE WHEN is_control THEN {control} ELSE {recipients} END
            """);
        return sql.Build();
    }

    // The holdout's customers, shopping like a control from the run's first send; never among its recipients, so their order ids are free.
    private string HoldoutShoppers(SqlBuilder sql, string runValue, GlobalHoldout? holdout) => holdout is null ? "" : $"""

                  UNION ALL
                  SELECT c.customer_id, true AS is_control, r.sent_at
                  FROM {engine.Tables.From(CustomerSchema.Customer360)} c
                  CROSS JOIN (SELECT min(s.sent_at) AS sent_at FROM {engine.Tables.From(CustomerSchema.CampaignSendList)} s WHERE s.run_id = {runValue}) r
                  WHERE r.sent_at IS NOT NULL AND {HoldoutSql.HeldOut(sql, holdout, "c")}
        """;
}
