using System.Globalization;
using CampaignBot.Core.CrossCampaign;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// The global holdout as SQL: the split bucket with the holdout's salt in place of the campaign id, so the engine
/// holds out exactly the customers <see cref="GlobalHoldout.Holds"/> names. A function of the customer id alone, so
/// it needs no join and runs on each shard as it is.
/// </summary>
internal static class HoldoutSql
{
    /// <summary>True when the customer (alias <paramref name="customer"/>) is held out of every campaign.</summary>
    public static string HeldOut(SqlBuilder sql, GlobalHoldout holdout, string customer) =>
        $"{Bucket(sql, holdout, customer)} < {holdout.Buckets.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True when the customer (alias <paramref name="customer"/>) is outside the holdout.</summary>
    public static string Outside(SqlBuilder sql, GlobalHoldout holdout, string customer) =>
        $"{Bucket(sql, holdout, customer)} >= {holdout.Buckets.ToString(CultureInfo.InvariantCulture)}";

    public static string Bucket(SqlBuilder sql, GlobalHoldout holdout, string customer) =>
        sql.Engine.SplitBucket(sql.ValuePlaceholder(holdout.Salt), $"{customer}.customer_id");
}
