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
        var forChannel = ForChannels(sql, channels);

        // Uncorrelated subqueries (with NULLs kept out, which NOT IN needs), so the engine computes the
        // suppressed ids and addresses once and anti-joins, instead of probing per customer. Addresses are
        // matched against customer_360 and against merged_customers, whose best email destinations receive.
        // Suppressions are not kept by customer, so on a sharded engine the sets are computed once and sent
        // to every shard (GLOBAL).
        var engine = sql.Engine;
        sql.Sql($"{customer}.customer_id {engine.Global("NOT IN")} ({SuppressedIds(engine, forChannel)})");
        sql.Sql($" AND {Address(customer)} {engine.Global("NOT IN")} ({SuppressedAddresses(engine, forChannel)})");
    }

    private static string ForChannels(SqlBuilder sql, IReadOnlyList<string> channels) =>
        $"lower(trim(s.channel)) IN ({string.Join(", ", channels.Select(sql.ValuePlaceholder))})";

    private static string Address(string customer) => $"lower(trim(COALESCE({customer}.email, '')))";

    // The customer table leads each address join and the suppressions are joined to it, so a sharded engine
    // sends the (small) suppressions to the customers' shards rather than the customers to the suppressions.
    private static string SuppressedIds(CustomerEngine engine, string forChannel) =>
        $"SELECT s.customer_id FROM {engine.Tables.From(CustomerSchema.SuppressionList)} s WHERE s.customer_id IS NOT NULL AND {forChannel}" +
        $" UNION ALL SELECT m.customer_id FROM {engine.Tables.From(CustomerSchema.MergedCustomers)} m {engine.Global("JOIN")} {engine.Tables.From(CustomerSchema.SuppressionList)} s ON lower(trim(m.email)) = lower(trim(s.email))" +
        $" WHERE m.customer_id IS NOT NULL AND {forChannel}";

    private static string SuppressedAddresses(CustomerEngine engine, string forChannel) =>
        $"SELECT lower(trim(s.email)) FROM {engine.Tables.From(CustomerSchema.SuppressionList)} s WHERE s.email IS NOT NULL AND trim(s.email) <> '' AND {forChannel}";

    /// <summary>
    /// A derived table <c>(customer_id, suppressed0, suppressed1, …)</c>: one row per customer suppressed for any of
    /// <paramref name="channels"/>, with a flag per channel, matched the same ways as <see cref="AppendNotSuppressed"/>.
    /// </summary>
    /// <remarks>
    /// One pass over the suppressions and their address matches serves every channel, where a NOT IN per channel
    /// would scan the customer tables again for each; callers LEFT JOIN it by customer id, with
    /// <see cref="CustomerEngine.Global"/> (it is not sharded by customer).
    /// </remarks>
    /// <param name="onlyCustomerId">Narrows every match to this customer, for explaining one customer: the engine then reads that customer's rows, not everyone's.</param>
    public static void AppendSuppressedByChannel(SqlBuilder sql, IReadOnlyList<string> channels, string alias, string? onlyCustomerId = null)
    {
        var engine = sql.Engine;
        var suppressions = engine.Tables.From(CustomerSchema.SuppressionList);
        var placeholders = channels.Select(sql.ValuePlaceholder).ToList();
        var only = onlyCustomerId is null ? null : sql.ValuePlaceholder(onlyCustomerId);
        string Only(string idColumn) => only is null ? "" : $" AND {idColumn} = {only}";
        var channel = "lower(trim(s.channel)) AS channel";
        sql.Sql("(SELECT x.customer_id");
        for (var i = 0; i < placeholders.Count; i++)
        {
            sql.Sql($", {engine.AnyTrue($"x.channel = {placeholders[i]}")} AS suppressed{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        sql.Sql($" FROM (SELECT s.customer_id, {channel} FROM {suppressions} s WHERE s.customer_id IS NOT NULL{Only("s.customer_id")}");
        sql.Sql($" UNION ALL SELECT m.customer_id, {channel} FROM {engine.Tables.From(CustomerSchema.MergedCustomers)} m {engine.Global("JOIN")} {suppressions} s ON lower(trim(m.email)) = lower(trim(s.email)) WHERE m.customer_id IS NOT NULL{Only("m.customer_id")}");
        sql.Sql($" UNION ALL SELECT c.customer_id, {channel} FROM {engine.Tables.From(CustomerSchema.Customer360)} c {engine.Global("JOIN")} {suppressions} s ON lower(trim(c.email)) = lower(trim(s.email))");
        sql.Sql($" WHERE s.email IS NOT NULL AND trim(s.email) <> ''{Only("c.customer_id")}) x WHERE x.channel IN ({string.Join(", ", placeholders)}) GROUP BY x.customer_id) {alias}");
    }
}
