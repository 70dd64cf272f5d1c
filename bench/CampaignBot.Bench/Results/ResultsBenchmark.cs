using System.Diagnostics;
using System.Globalization;
using CampaignBot.Bench.Audiences;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Results;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Results;

namespace CampaignBot.Bench.Results;

/// <summary>
/// Times a campaign's results over N demo customers (about 3N baseline orders) in DuckDB: the audience benchmark's
/// campaign (3 sub-audiences, control and two groups each) recorded as sent, the simulator's orders added, then
/// <see cref="CampaignResultsQuery"/> against a hand-written DuckDB query computing the same numbers in the same process.
/// </summary>
public static class ResultsBenchmark
{
    // A first reference, a LEFT JOIN of sends and orders with the window in its ON clause, ran out of memory at 10M even at 1 GB.
    private const string MemoryLimit = "1GB";
    private const string CampaignId = "bench-campaign";
    private const string RunId = "bench-run";

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var customers = options.CustomersOr(1_000_000);
        var folder = Directory.CreateTempSubdirectory("campaignbot-bench-");
        try
        {
            await using var engine = new DuckDbEngine(Path.Combine(folder.FullName, "customers.duckdb"), MemoryLimit);
            var prepare = Stopwatch.StartNew();
            await new DemoDataGenerator(engine).GenerateAsync(customers, AudienceBenchmark.Today);
            await RecordSendsAsync(engine);
            await new OrderSimulator(engine).AddOrdersAsync(RunId, 7, PlantedEffect.Demo);
            Console.WriteLine($"Prepared {customers:N0} customers, {await CountAsync(engine, "transactions"):N0} orders, {await CountAsync(engine, "campaign_sends"):N0} sends in {prepare.Elapsed.TotalSeconds:0.0} s");
            PeakMemory.Reset();

            var request = new ResultsRequest(CampaignId, null, 7);
            var measured = TimeSpan.MaxValue;
            var reference = TimeSpan.MaxValue;
            IReadOnlyList<GroupCounts> groups = [];
            IReadOnlyList<GroupCounts> expected = [];
            for (var round = 0; round < 2; round++)
            {
                var watch = Stopwatch.StartNew();
                groups = await new CampaignResultsQuery(engine).CountAsync(request);
                measured = Min(measured, watch.Elapsed);

                watch.Restart();
                expected = await ReferenceAsync(engine);
                reference = Min(reference, watch.Elapsed);
            }

            if (!groups.SequenceEqual(expected))
            {
                throw new InvalidOperationException("The results query and the hand-written query disagree.");
            }

            foreach (var group in groups.Where(g => !g.IsControl))
            {
                var control = groups.Single(c => c.IsControl && c.SubAudience == group.SubAudience).Outcome;
                Console.WriteLine($"{group.SubAudience} / {group.GroupName}: {LiftVerdict.Compare(group.GroupName, group.Outcome, control).Verdict}");
            }

            Console.WriteLine($"Results query {measured.TotalSeconds:0.00} s, hand-written DuckDB {reference.TotalSeconds:0.00} s");
            return BenchReport.Measured("results", customers, measured) with
            {
                ReferenceSeconds = Math.Round(reference.TotalSeconds, 3),
                Ratio = Math.Round(measured.TotalSeconds / reference.TotalSeconds, 3),
            };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // One run of the benchmark campaign: every control and recipient group recorded from the audience SQL.
    private static async Task RecordSendsAsync(CustomerEngine engine)
    {
        var request = AudienceBenchmark.Request();
        var history = new SendHistory(engine);
        var sentAt = new DateTimeOffset(AudienceBenchmark.Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        string[] names = ["Active", "At risk", "Everyone else"];
        for (var s = 0; s < names.Length; s++)
        {
            await history.RecordAsync(new SendRecord(CampaignId, RunId, names[s], "Control", true, null, null, sentAt), request, GroupSlot.Control(s));
            for (var g = 0; g < 2; g++)
            {
                var group = $"{names[s]} {(g == 0 ? "A" : "B")}";
                await history.RecordAsync(new SendRecord(CampaignId, RunId, names[s], group, false, "email", "outbox", sentAt), request, new GroupSlot(s, g));
            }
        }
    }

    // The same numbers for one run, written by hand: each customer's orders in the window, then each group's sums.
    private static async Task<IReadOnlyList<GroupCounts>> ReferenceAsync(CustomerEngine engine)
    {
        const string sql = $"""
            WITH s AS (
              SELECT customer_id, sub_audience, group_name, is_control, min(sent_at) AS sent_at
              FROM campaign_sends WHERE campaign_id = '{CampaignId}' GROUP BY ALL
            ), bought AS (
              SELECT s.customer_id, s.sub_audience, s.group_name, s.is_control, sum(t.amount) AS revenue
              FROM s JOIN transactions t ON t.customer_id = s.customer_id
              WHERE t.ordered_at >= s.sent_at AND t.ordered_at < s.sent_at + INTERVAL 7 DAY
              GROUP BY ALL
            )
            SELECT s.sub_audience, s.group_name, s.is_control, count(*), count(b.revenue), coalesce(sum(b.revenue), 0), coalesce(sum(b.revenue * b.revenue), 0)
            FROM s LEFT JOIN bought b USING (customer_id, sub_audience, group_name, is_control)
            GROUP BY ALL ORDER BY s.sub_audience, s.is_control, s.group_name
            """;
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement(sql, []));
        await using var reader = await command.ExecuteReaderAsync();
        var groups = new List<GroupCounts>();
        while (await reader.ReadAsync())
        {
            groups.Add(new GroupCounts(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), new GroupOutcome(
                Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
                Convert.ToDecimal(reader.GetValue(5), CultureInfo.InvariantCulture), Convert.ToDecimal(reader.GetValue(6), CultureInfo.InvariantCulture))));
        }

        return groups;
    }

    private static async Task<long> CountAsync(CustomerEngine engine, string table)
    {
        await using var connection = await engine.OpenAsync();
        return await connection.ScalarAsync<long>(engine, new SqlStatement($"SELECT count(*) FROM {table}", []));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;
}
