using CampaignBot.Customers.Engine;

namespace CampaignBot.Bench.Audiences;

/// <summary>
/// The audience benchmark's selection, split and export written by hand for ClickHouse, as its reference: the
/// attribute join on the shards beside customer_360 (the tables are sharded alike), suppressions sent to them
/// GLOBAL, and ClickHouse writing the CSV through the same copy as the product.
/// </summary>
internal static class ClickHouseReference
{
    public static Task<long> ExportAsync(CustomerEngine engine, string path) =>
        engine.ExportCsvAsync(new SqlStatement($"""
            SELECT p.customer_id, p.sub_audience, p.grp AS "group", p.email, p.given_name, p.surname, p.phone
            FROM (
              SELECT c.customer_id AS customer_id,
                multiIf(c.lifecycle_status = 'active', 0, c.lifecycle_status IN ('at risk', 'cooling down'), 1, 2) AS sub_audience,
                intDiv(reinterpretAsUInt32(reverse(unhex(substring(lower(hex(MD5(concat('{AudienceBenchmark.SplitKey}', ':', c.customer_id)))), 1, 8)))) * 10000, 4294967296) AS bucket,
                multiIf(bucket < 1000, -1, bucket < 5500, 0, 1) AS grp,
                m.email AS email, m.given_name AS given_name, m.surname AS surname, m.phone AS phone
              FROM customer_360 c LEFT JOIN merged_customers m ON m.customer_id = c.customer_id
              WHERE (c.lifetime_value > 20 OR c.loyalty_member)
                AND NOT (coalesce(c.email_opt_in = false, false) OR coalesce(c.last_order_date BETWEEN toDate32('2026-11-09') AND toDate32('2026-11-23'), false))
                AND c.customer_id GLOBAL NOT IN (SELECT customer_id FROM suppressions WHERE channel = 'all' AND customer_id IS NOT NULL)
                AND lower(trim(coalesce(c.email, ''))) GLOBAL NOT IN (SELECT lower(trim(email)) FROM suppressions WHERE channel = 'all' AND email IS NOT NULL)
                AND c.customer_id GLOBAL NOT IN (
                  SELECT m.customer_id FROM merged_customers m GLOBAL JOIN suppressions s ON lower(trim(m.email)) = lower(trim(s.email)) WHERE s.channel = 'all')
            ) p
            WHERE p.grp >= 0
            """, []), path);
}
