using System.Diagnostics;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Bench.Runs;

/// <summary>
/// What the run benchmark's campaign writes, done by hand in DuckDB: one <c>COPY</c> per file, each building the
/// audience itself (everyone with a customer id, minus email opt-outs and "all" suppressions, split 10 / 45 / 45 by
/// the campaign's key): the control group's ids, then each offer's email and first name trimmed as the local folder
/// shapes them (empty becomes null). Unordered: a send list needs no order; the run's order is what makes it resumable.
/// </summary>
public sealed class RunReference(CustomerEngine engine, string splitKey, string folder)
{
    public sealed record Result(TimeSpan Elapsed, TimeSpan Cpu, long Control, long Recipients, double PeakMb);

    public async Task<Result> MeasureAsync()
    {
        PeakMemory.Reset();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await using var connection = await engine.OpenAsync();
        var control = await connection.ExecuteAsync(engine, Copy("p.customer_id, 0 AS sub_audience, -1 AS \"group\"", "p.grp = -1", "control-1.csv"));
        var recipients = 0L;
        for (var group = 0; group < 2; group++)
        {
            recipients += await connection.ExecuteAsync(engine, Copy(
                "nullif(trim(m.email), '') AS email, nullif(trim(m.given_name), '') AS given_name", $"p.grp = {group}", $"offer-{group + 1}.csv", joinMerged: true));
        }

        watch.Stop();
        process.Refresh();
        return new Result(watch.Elapsed, process.TotalProcessorTime - cpu, control, recipients, PeakMemory.Megabytes());
    }

    private string Copy(string columns, string where, string file, bool joinMerged = false) => $"""
        COPY (
          WITH placed AS (
            SELECT c.customer_id,
              CASE WHEN ((('0x' || substr(md5('{splitKey}' || ':' || c.customer_id), 1, 8))::UBIGINT * 10000) // 4294967296) < 1000 THEN -1
                   WHEN ((('0x' || substr(md5('{splitKey}' || ':' || c.customer_id), 1, 8))::UBIGINT * 10000) // 4294967296) < 5500 THEN 0
                   ELSE 1 END AS grp
            FROM customer_360 c
            WHERE c.customer_id IS NOT NULL AND trim(c.customer_id) <> ''
              AND NOT (coalesce(c.email_opt_in = false, false) OR c.email IS NULL OR trim(c.email) = '')
              AND c.customer_id NOT IN (SELECT customer_id FROM suppressions WHERE channel = 'all' AND customer_id IS NOT NULL
                UNION ALL SELECT m.customer_id FROM merged_customers m JOIN suppressions s ON lower(trim(m.email)) = lower(trim(s.email)) WHERE s.channel = 'all')
              AND lower(trim(coalesce(c.email, ''))) NOT IN (SELECT lower(trim(email)) FROM suppressions WHERE channel = 'all' AND email IS NOT NULL AND trim(email) <> '')
          )
          SELECT {columns} FROM placed p{(joinMerged ? " LEFT JOIN merged_customers m ON m.customer_id = p.customer_id" : "")}
          WHERE {where}
        ) TO '{Path.Combine(folder, file)}' (HEADER, DELIMITER ',')
        """;
}
