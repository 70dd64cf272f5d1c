using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// Suppressions as SQL: customers listed by id, or whose address (in customer_360 or merged_customers) is
/// listed, for any of the given channels.
/// </summary>
internal static class SuppressionSql
{
    /// <summary>The channels whose suppressions apply when building for <paramref name="channel"/>: "all", plus the channel itself.</summary>
    public static IReadOnlyList<string> ChannelsFor(string? channel) =>
        channel is null || channel.Equals(CustomerSchema.AllChannels, StringComparison.OrdinalIgnoreCase)
            ? [CustomerSchema.AllChannels]
            : [CustomerSchema.AllChannels, channel.ToLowerInvariant()];

    /// <summary>A condition, true when the customer_360 row aliased <paramref name="customer"/> is suppressed for none of <paramref name="channels"/>.</summary>
    public static void AppendNotSuppressed(SqlBuilder sql, string customer, IReadOnlyList<string> channels)
    {
        var suppressions = CustomerSchema.Suppressions;
        var forChannel = $"lower(trim(s.channel)) IN ({string.Join(", ", channels.Select(sql.ValuePlaceholder))})";

        // Uncorrelated subqueries (with NULLs kept out, which NOT IN needs), so the engine computes the
        // suppressed ids and addresses once and anti-joins, instead of probing per customer. Addresses are
        // matched against customer_360 and against merged_customers, whose best email destinations receive.
        sql.Sql($"{customer}.customer_id NOT IN (SELECT s.customer_id FROM {suppressions} s WHERE s.customer_id IS NOT NULL AND {forChannel}");
        sql.Sql($" UNION ALL SELECT m.customer_id FROM {suppressions} s JOIN {CustomerSchema.MergedCustomers.Name} m ON lower(trim(m.email)) = lower(trim(s.email))");
        sql.Sql($" WHERE m.customer_id IS NOT NULL AND {forChannel})");
        sql.Sql($" AND lower(trim(COALESCE({customer}.email, ''))) NOT IN (SELECT lower(trim(s.email)) FROM {suppressions} s WHERE s.email IS NOT NULL AND trim(s.email) <> '' AND {forChannel})");
    }
}
