using System.Globalization;

namespace CampaignBot.Bench;

/// <param name="Customers">--customers N: the demo data size (each benchmark has its own default).</param>
/// <param name="Requests">--requests N: how many requests a request benchmark fires at once (slack-ack: commands; webchat: signed-in sessions).</param>
/// <param name="Engine">--engine NAME: the customer engine a benchmark that reads customers uses (audience: duckdb or clickhouse).</param>
/// <param name="Seconds">--seconds N: how long a benchmark that runs for a while runs (trigger: how long events are sent).</param>
public sealed record BenchOptions(string Name, long? Customers, long? Requests = null, string Engine = BenchOptions.DuckDb, long? Seconds = null)
{
    public const string DuckDb = "duckdb";
    public const string ClickHouse = "clickhouse";

    public long CustomersOr(long fallback) => Customers ?? fallback;

    public long RequestsOr(long fallback) => Requests ?? fallback;

    public long SecondsOr(long fallback) => Seconds ?? fallback;

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        long? customers = null;
        long? requests = null;
        long? seconds = null;
        var engine = DuckDb;
        for (var i = 1; i < args.Length; i++)
        {
            if (i + 1 < args.Length && args[i] == "--engine" && args[i + 1] is { Length: > 0 } named && !named.StartsWith("--", StringComparison.Ordinal))
            {
                engine = named.ToLowerInvariant();
                if (engine is not DuckDb and not ClickHouse)
                {
                    return null;
                }

                i++;
            }
            else if (i + 1 < args.Length && args[i] is "--customers" or "--requests" or "--seconds"
                && long.TryParse(args[i + 1].Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                if (args[i] == "--customers")
                {
                    customers = n;
                }
                else if (args[i] == "--seconds")
                {
                    seconds = n;
                }
                else
                {
                    requests = n;
                }

                i++;
            }
            else
            {
                return null;
            }
        }

        return new BenchOptions(args[0], customers, requests, engine, seconds);
    }
}
