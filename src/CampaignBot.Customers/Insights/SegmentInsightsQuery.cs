using System.Data.Common;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Segments;

namespace CampaignBot.Customers.Insights;

/// <summary>Counts and sums a segment in two aggregate queries; no customer row leaves the engine.</summary>
public sealed class SegmentInsightsQuery(CustomerEngine engine)
{
    public const string UnknownStatus = "unknown";

    public async Task<SegmentInsights> ComputeAsync(BoundFilter segment, DateOnly today, CancellationToken cancellationToken = default)
    {
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        var totals = new SqlBuilder(engine).Sql("SELECT count(*) FILTER (WHERE ");
        SegmentSql.AppendPredicate(totals, segment, "c", today);
        totals.Sql("), count(*), COALESCE(sum(c.lifetime_value) FILTER (WHERE ");
        SegmentSql.AppendPredicate(totals, segment, "c", today);
        totals.Sql($"), 0) FROM {engine.Tables.From(CustomerSchema.Customer360)} c");

        long customers, all;
        decimal total;
        await using (var command = connection.CreateCommand(engine, totals.Build()))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            customers = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
            all = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            total = Convert.ToDecimal(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
        }

        var byStatus = await ByLifecycleStatusAsync(connection, segment, today, cancellationToken).ConfigureAwait(false);
        var average = customers == 0 ? 0 : Math.Round(total / customers, 2, MidpointRounding.AwayFromZero);
        return new SegmentInsights(customers, all, total, average, byStatus);
    }

    private async Task<IReadOnlyList<LifecycleShare>> ByLifecycleStatusAsync(DbConnection connection, BoundFilter segment, DateOnly today, CancellationToken cancellationToken)
    {
        var sql = new SqlBuilder(engine)
            .Sql($"SELECT COALESCE(c.lifecycle_status, '{UnknownStatus}') AS status, count(*), COALESCE(sum(c.lifetime_value), 0) FROM {engine.Tables.From(CustomerSchema.Customer360)} c WHERE ");
        SegmentSql.AppendPredicate(sql, segment, "c", today);
        sql.Sql(" GROUP BY 1 ORDER BY 2 DESC, 1");

        var shares = new List<LifecycleShare>();
        await using var command = connection.CreateCommand(engine, sql.Build());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            shares.Add(new LifecycleShare(
                reader.GetString(0),
                Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToDecimal(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return shares;
    }
}
