using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// One pass over the include segments' customers counting, with conditional counts, how many each exclude
/// segment holds, how many any of them holds, how many of the rest are suppressed, and how many of those left
/// are in the global holdout.
/// </summary>
/// <remarks>
/// Each condition is counted as "not (kept)" with the audience build's own predicates, so a condition the
/// engine finds NULL counts as removed, exactly as the build's WHERE leaves that customer out; hence
/// Included − Excluded − Suppressed − HeldOut equals the audience.
/// </remarks>
internal static class AudienceFunnelSql
{
    /// <summary>
    /// Columns: included, one per exclude segment, excluded by any (only when there are exclusions), suppressed, then
    /// held out (only when there is a holdout).
    /// </summary>
    public static SqlStatement Build(CustomerEngine engine, AudienceRequest request)
    {
        if (request.Include.Count == 0)
        {
            throw new ArgumentException("An audience needs at least one include segment.", nameof(request));
        }

        var sql = new SqlBuilder(engine).Sql("SELECT count(*)");
        foreach (var exclusion in request.Exclude)
        {
            sql.Sql(", count(CASE WHEN NOT ");
            AudienceSql.AppendAny(sql, [exclusion], request.Today);
            sql.Sql(" THEN NULL ELSE 1 END)");
        }

        // Suppressions count only among customers no exclusion removed, so the parts add up.
        if (request.Exclude.Count > 0)
        {
            sql.Sql(", count(CASE WHEN NOT ");
            AudienceSql.AppendAny(sql, request.Exclude, request.Today);
            sql.Sql(" THEN NULL ELSE 1 END), count(CASE WHEN NOT ");
            AudienceSql.AppendAny(sql, request.Exclude, request.Today);
            sql.Sql(" THEN CASE WHEN ");
            SuppressionSql.AppendNotSuppressed(sql, "c", SuppressionSql.ChannelsFor(request.SuppressionChannel));
            sql.Sql(" THEN NULL ELSE 1 END END)");
        }
        else
        {
            sql.Sql(", count(CASE WHEN ");
            SuppressionSql.AppendNotSuppressed(sql, "c", SuppressionSql.ChannelsFor(request.SuppressionChannel));
            sql.Sql(" THEN NULL ELSE 1 END)");
        }

        // The holdout counts only among customers left after exclusions and suppressions, so the parts still add up.
        if (request.Holdout is { } holdout)
        {
            sql.Sql(", count(CASE WHEN ");
            if (request.Exclude.Count > 0)
            {
                sql.Sql("NOT ");
                AudienceSql.AppendAny(sql, request.Exclude, request.Today);
                sql.Sql(" AND ");
            }

            SuppressionSql.AppendNotSuppressed(sql, "c", SuppressionSql.ChannelsFor(request.SuppressionChannel));
            sql.Sql($" THEN CASE WHEN {HoldoutSql.Outside(sql, holdout, "c")} THEN NULL ELSE 1 END END)");
        }

        sql.Sql($" FROM {sql.Engine.Tables.From(CustomerSchema.Customer360)} c WHERE ");
        AudienceSql.AppendAny(sql, request.Include, request.Today);
        return sql.Build();
    }
}
