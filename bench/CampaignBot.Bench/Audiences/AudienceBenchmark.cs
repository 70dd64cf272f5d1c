using System.Diagnostics;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Scheduling;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Segments;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Bench.Audiences;

/// <summary>
/// Builds, splits and exports to CSV the recipients of a campaign over N demo customers (2 include segments,
/// 2 exclusions, 3 sub-audiences with control + 2 groups) through the product's path, then does the same with
/// one hand-written statement as the reference: in DuckDB (a COPY) or, with --engine clickhouse, on the
/// two-shard ClickHouse cluster scripts/servers/with-clickhouse.sh starts.
/// </summary>
public static class AudienceBenchmark
{
    public const string SplitKey = "5b0d7c1e-3f2a-4e8b-9c6d-1a2b3c4d5e6f";
    private const string MemoryLimit = "256MB";
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var customers = options.CustomersOr(10_000_000);
        var folder = Directory.CreateTempSubdirectory("campaignbot-bench-");
        try
        {
            if (options.Engine == BenchOptions.ClickHouse)
            {
                await using var cluster = await ClickHouseDatabase.CreateAsync();
                return await MeasureAsync(cluster.Engine, customers, folder.FullName, ClickHouseReference.ExportAsync);
            }

            await using var engine = new DuckDbEngine(Path.Combine(folder.FullName, "customers.duckdb"), MemoryLimit);
            return await MeasureAsync(engine, customers, folder.FullName, ReferenceExportAsync);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<BenchReport> MeasureAsync(CustomerEngine engine, long customers, string folder, Func<CustomerEngine, string, Task<long>> referenceExport)
    {
        var generation = Stopwatch.StartNew();
        await new DemoDataGenerator(engine).GenerateAsync(customers, Today);
        Console.WriteLine($"Generated {customers:N0} demo customers in {generation.Elapsed.TotalSeconds:0.0} s (peak {PeakMemory.Megabytes():0} MB)");

        // The figure is the build and export's memory, not the generator's.
        PeakMemory.Reset();

        // Alternate the two and keep each one's best of two, so neither pays alone for a cold cache.
        var reference = (Rows: 0L, Elapsed: TimeSpan.MaxValue);
        var product = (Rows: 0L, Elapsed: TimeSpan.MaxValue);
        for (var round = 0; round < 2; round++)
        {
            reference = Best(reference, await TimeAsync(() => referenceExport(engine, Path.Combine(folder, "reference.csv"))));
            product = Best(product, await TimeAsync(() => ProductExportAsync(engine, Path.Combine(folder, "product.csv"))));
        }

        if (product.Rows != reference.Rows)
        {
            throw new InvalidOperationException($"The product exported {product.Rows:N0} rows, the reference {reference.Rows:N0}.");
        }

        Console.WriteLine($"Exported {product.Rows:N0} recipients ({engine.Name}): product {product.Elapsed.TotalSeconds:0.00} s, reference {reference.Elapsed.TotalSeconds:0.00} s");
        var report = BenchReport.Measured("audience", customers, product.Elapsed);
        return report with
        {
            ReferenceSeconds = Math.Round(reference.Elapsed.TotalSeconds, 3),
            Ratio = Math.Round(product.Elapsed.TotalSeconds / reference.Elapsed.TotalSeconds, 3),
        };
    }

    private static Task<long> ProductExportAsync(CustomerEngine engine, string path)
    {
        var attributes = AudienceBuilder.ResolveAttributes([("email", null), ("given_name", null), ("surname", null), ("phone", null)], out _);
        return new AudienceBuilder(engine).ExportCsvAsync(Request(), AudienceSlice.Recipients, attributes, path);
    }

    // The same audience, split and export written by hand as one DuckDB statement.
    private static async Task<long> ReferenceExportAsync(CustomerEngine engine, string path)
    {
        var sql = $"""
            COPY (
              WITH audience AS (
                SELECT c.customer_id,
                  CASE WHEN c.lifecycle_status = 'active' THEN 0
                       WHEN c.lifecycle_status IN ('at risk', 'cooling down') THEN 1
                       ELSE 2 END AS sub_audience,
                  ((('0x' || substr(md5('{SplitKey}' || ':' || c.customer_id), 1, 8))::UBIGINT * 10000) // 4294967296) AS bucket
                FROM customer_360 c
                WHERE (c.lifetime_value > 20 OR c.loyalty_member)
                  AND NOT (coalesce(c.email_opt_in = false, false) OR coalesce(c.last_order_date BETWEEN DATE '2026-11-09' AND DATE '2026-11-23', false))
                  AND c.customer_id NOT IN (SELECT customer_id FROM suppressions WHERE channel = 'all' AND customer_id IS NOT NULL)
                  AND lower(trim(coalesce(c.email, ''))) NOT IN (SELECT lower(trim(email)) FROM suppressions WHERE channel = 'all' AND email IS NOT NULL)
                  AND c.customer_id NOT IN (SELECT m.customer_id FROM merged_customers m JOIN suppressions s ON lower(trim(m.email)) = lower(trim(s.email)) WHERE s.channel = 'all')
              ), placed AS (
                SELECT customer_id, sub_audience,
                  CASE WHEN bucket < 1000 THEN -1 WHEN bucket < 5500 THEN 0 ELSE 1 END AS grp
                FROM audience
              )
              SELECT p.customer_id, p.sub_audience, p.grp AS "group", m.email, m.given_name, m.surname, m.phone
              FROM placed p LEFT JOIN merged_customers m ON m.customer_id = p.customer_id
              WHERE p.grp >= 0
            ) TO '{path}' (HEADER, DELIMITER ',')
            """;
        await using var connection = await engine.OpenAsync();
        return await connection.ExecuteAsync(engine, sql);
    }

    public static AudienceRequest Request() => new()
    {
        SplitKey = SplitKey,
        Include = [Bind("lifetime_value > 20"), Bind("loyalty_member = true")],
        Exclude = [Bind("email_opt_in = false"), Bind("last_order_date in last 14 days")],
        SubAudiences = [Bind("lifecycle_status = active"), Bind("lifecycle_status in ('at risk', 'cooling down')"), null],
        Plan = SplitPlan.From(new CampaignDefinition
        {
            Name = "Benchmark",
            Type = CampaignType.OneTime,
            Audience = new AudiencePlan(["High value", "Loyalty"], ["Opt-outs", "Recent buyers"]),
            SubAudiences = new[] { "Active", "At risk", "Everyone else" }.Select(name => new SubAudience
            {
                Name = name,
                Segment = name == "Everyone else" ? null : name,
                ControlPercent = new Percentage(1000),
                Groups =
                [
                    new RecipientGroup { Name = $"{name} A", Percent = new Percentage(4500), Destinations = [new DestinationAssignment("outbox", [])] },
                    new RecipientGroup { Name = $"{name} B", Percent = new Percentage(4500), Destinations = [new DestinationAssignment("outbox", [])] },
                ],
            }).ToList(),
            Schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.Utc },
        }),
        Today = Today,
    };

    private static BoundFilter Bind(string text) =>
        SegmentBinder.Bind(SegmentParser.Parse(text).Filter!).Value ?? throw new InvalidOperationException($"'{text}' does not bind.");

    private static (long Rows, TimeSpan Elapsed) Best((long Rows, TimeSpan Elapsed) a, (long Rows, TimeSpan Elapsed) b) => a.Elapsed <= b.Elapsed ? a : b;

    private static async Task<(long Rows, TimeSpan Elapsed)> TimeAsync(Func<Task<long>> export)
    {
        var watch = Stopwatch.StartNew();
        var rows = await export();
        return (rows, watch.Elapsed);
    }
}
