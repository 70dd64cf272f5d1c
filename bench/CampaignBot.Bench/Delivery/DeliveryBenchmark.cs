using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Http;
using CampaignBot.Delivery.Connectors.Klaviyo;
using CampaignBot.Delivery.Connectors.MetaAds;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Bench.Delivery;

/// <summary>
/// Delivers N rows (default 1,000,000) in batches of 10,000 to the loopback fake of Klaviyo or Meta, which
/// enforces the documented limits and fails 2% of requests (seeded) with 429 or 503, with 8 batches in
/// flight as several recipient groups would be. Reports throughput against the most the limits allow for
/// that many calls, and rows lost or duplicated (both must be 0) and limit violations.
/// </summary>
public static class DeliveryBenchmark
{
    private const int BatchRows = 10_000;
    private const int InFlight = 8;

    public static Task<BenchReport> KlaviyoAsync(BenchOptions options) => RunAsync(options, "klaviyo", DestinationKind.Klaviyo);

    public static Task<BenchReport> MetaAsync(BenchOptions options) => RunAsync(options, "meta", DestinationKind.MetaAds);

    private static async Task<BenchReport> RunAsync(BenchOptions options, string name, DestinationKind kind)
    {
        var rows = (int)options.CustomersOr(1_000_000);
        var faults = new FaultPlan { Rate = 0.02, Faults = kind == DestinationKind.Klaviyo ? [Fault.TooManyRequests, Fault.ServerError] : [Fault.Throttled, Fault.ServerError] };
        var klaviyo = kind == DestinationKind.Klaviyo ? new FakeKlaviyo("pk_bench", faults, jobProcessing: TimeSpan.FromMilliseconds(300), keepAttributes: false, expectedMembers: rows) : null;
        var meta = kind == DestinationKind.MetaAds ? new FakeMeta("EAAB-bench", "act_42", faults, keepRows: false, expectedMembers: rows) : null;
        FakeService fake = klaviyo ?? (FakeService)meta!;
        await fake.StartAsync();
        try
        {
            var instance = new DestinationInstance
            {
                Name = name, Kind = kind, CredentialsReference = "Secrets:Bench", Endpoint = fake.BaseAddress.ToString(), AccountId = "42",
                PollInterval = TimeSpan.FromMilliseconds(400), RetryDelay = TimeSpan.FromMilliseconds(500),
            };
            IDestinationConnector connector = klaviyo is not null
                ? new KlaviyoConnector(instance, new Dictionary<string, string> { [DestinationCredentials.ApiKey] = "pk_bench" }, TimeProvider.System)
                : new MetaAdsConnector(instance, new Dictionary<string, string> { [DestinationCredentials.AccessToken] = "EAAB-bench" }, TimeProvider.System);
            var limits = connector is KlaviyoConnector k ? k.UploadLimits : ((MetaAdsConnector)connector).CallLimits;
            string[] fields = klaviyo is not null ? ["external_id", "email", "first_name"] : ["EMAIL", "PHONE", "FN", "EXTERN_ID"];
            var target = new DeliveryTarget
            {
                CampaignId = "bench", Campaign = "Benchmark", Group = "Recipients", RunId = "run-1", Fields = fields,
                ListName = ListNames.For(instance.Descriptor, "Benchmark", "Recipients"), CreatedAt = DateTimeOffset.UnixEpoch,
            };
            // Each batch's rows are made when it is sent and dropped once it is delivered, as a run reads them from the
            // engine: 3,000,000 rows held at once (Meta's are four 64-character hashes) would be gigabytes.
            var batchCount = (rows + BatchRows - 1) / BatchRows;
            PeakMemory.Reset();

            var delivered = new ConcurrentBag<DeliveredBatch>();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var started = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, batchCount), new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (b, token) =>
            {
                var batch = new DeliveryBatch(target, b + 1, Enumerable.Range(b * BatchRows, Math.Min(BatchRows, rows - b * BatchRows)).Select(n => Row(kind, n)).ToList());
                var outcome = await connector.DeliverAsync(batch, token);
                while (outcome is BatchOutcome.Transient transient)
                {
                    await Task.Delay(transient.RetryAfter ?? TimeSpan.FromSeconds(1), token);
                    outcome = await connector.DeliverAsync(batch, token);
                }

                if (outcome is not BatchOutcome.Delivered)
                {
                    throw new InvalidOperationException($"Batch {batch.Sequence} ended as {outcome}.");
                }

                delivered.Add(new DeliveredBatch(batch.Sequence, ((BatchOutcome.Delivered)outcome).Rows, ((BatchOutcome.Delivered)outcome).Reference));
            });
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

            // Klaviyo acknowledges a batch when its job is accepted; the run then waits for every job, so that wait is shown too.
            var completion = Stopwatch.StartNew();
            await connector.CompleteAsync(target, delivered.OrderBy(b => b.Sequence).ToList(), new Dictionary<string, long>(), CancellationToken.None);
            var reported = connector is IVerifiesDelivery verifier ? await verifier.CountDeliveredAsync(target, CancellationToken.None) : null;
            completion.Stop();

            // Every row must be held once: the fakes keep members as sets, so a row sent twice shows as one held, and
            // anything held that was never sent counts as duplicated.
            var listId = klaviyo is not null ? klaviyo.ListId(target.ListName)! : meta!.AudienceId(target.ListName)!;
            var found = klaviyo is not null
                ? klaviyo.CountHeld(listId, Enumerable.Range(0, rows).Select(n => Row(kind, n)[0]!))
                : meta!.CountHeld(listId, Enumerable.Range(0, rows).Select(n => Row(kind, n)));
            var held = klaviyo is not null ? klaviyo.MemberCount(listId) : meta!.MemberCount(listId);
            var lost = rows - found;
            var duplicated = held - found;
            var ceiling = rows / FastestSeconds(batchCount, limits);
            var whole = watch.Elapsed + completion.Elapsed;
            var achieved = rows / whole.TotalSeconds;
            var steady = limits.Min(l => l.Permits / l.Window.TotalSeconds) * BatchRows;
            Console.WriteLine(
                $"{name}: {rows:N0} rows in {batchCount} calls, {whole.TotalSeconds:0.0} s delivered and confirmed, {achieved:N0} rows/s; the limits ({string.Join(" and ", limits.Select(l => $"{l.Permits} per {l.Window.TotalSeconds:0} s"))}) allow "
                + $"{ceiling:N0} rows/s for {batchCount} calls ({steady:N0} rows/s sustained); faults injected: {fake.Faults.Injected(Fault.TooManyRequests) + fake.Faults.Injected(Fault.Throttled)} throttled, "
                + $"{fake.Faults.Injected(Fault.ServerError)} server errors; lost {lost}, duplicated {duplicated}, violations {fake.Violations.Count}; "
                + $"accepted in {watch.Elapsed.TotalSeconds:0.0} s ({rows / watch.Elapsed.TotalSeconds / ceiling:0.00} of the ceiling), completion {completion.Elapsed.TotalSeconds:0.0} s more, reported {(reported is { } r ? r.ToString("N0", CultureInfo.InvariantCulture) : "nothing")}");
            Console.WriteLine(WhereTheTimeWent(fake, started, watch.Elapsed, limits) + string.Create(CultureInfo.InvariantCulture,
                $"; CPU while sending {cpu.TotalSeconds:0.0} s ({cpu / watch.Elapsed:0.00} of the {Environment.ProcessorCount} cores), load average {LoadAverage()}"));
            foreach (var violation in fake.Violations.Distinct())
            {
                Console.WriteLine($"violation: {violation}");
            }

            var sendsMade = fake.Requests.Count(r => r.Request.StartsWith("POST", StringComparison.Ordinal) && !r.Request.EndsWith("/lists", StringComparison.Ordinal));
            var allowance = rows / FastestSeconds(sendsMade, limits);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"against what the limits allow for the {sendsMade} sends made (retries take window slots too): {achieved / allowance:0.00}"));
            return BenchReport.Measured(name, rows, whole) with
            {
                FractionOfAllowance = Math.Round(achieved / allowance, 3),
                PeakMb = Math.Round(PeakMemory.Megabytes(), 1),
                CeilingRowsPerSecond = Math.Round(ceiling),
                FractionOfCeiling = Math.Round(achieved / ceiling, 3),
                Lost = lost,
                Duplicated = duplicated,
                Violations = fake.Violations.Count,
            };
        }
        finally
        {
            await fake.DisposeAsync();
        }
    }

    // The calls as the fake saw them: how long the sends spanned, how many there were (retries included), what read the jobs.
    // Retried sends take window slots too, so what the limits allow for the sends actually made is shown beside the ceiling.
    private static string WhereTheTimeWent(FakeService fake, DateTimeOffset started, TimeSpan accepted, IReadOnlyList<RateWindow> limits)
    {
        var requests = fake.Requests.ToList();
        var sends = requests.Where(r => r.Request.StartsWith("POST", StringComparison.Ordinal) && !r.Request.EndsWith("/lists", StringComparison.Ordinal)).Select(r => r.At).Order().ToList();
        var span = sends.Count > 1 ? (sends[^1] - sends[0]).TotalSeconds : 0;
        var gaps = sends.Zip(sends.Skip(10), (a, b) => (b - a).TotalMilliseconds).ToList();
        var first = sends.Count > 0 ? (sends[0] - started).TotalSeconds : 0;
        // The pacer stamps a call when its answer comes, so each send's time from arrival to answer delays a later window.
        var answers = fake.Answers.Where(a => a.Request.StartsWith("POST", StringComparison.Ordinal) && !a.Request.EndsWith("/lists", StringComparison.Ordinal)
            && !a.Request.EndsWith("/customaudiences", StringComparison.Ordinal)).Select(a => a.Took.TotalMilliseconds).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"sends: {sends.Count} (first after {first:0.00} s; first to last {span:0.00} s of {accepted.TotalSeconds:0.00} s, where the limits allow {FastestSeconds(sends.Count, limits):0.0} s for {sends.Count} sends; "
            + $"each send to the tenth after it: mean {(gaps.Count > 0 ? gaps.Average() : 0):0} ms, max {(gaps.Count > 0 ? gaps.Max() : 0):0} ms); "
            + $"each send from arrival to answer: mean {(answers.Count > 0 ? answers.Average() : 0):0} ms, median {(answers.Count > 0 ? answers[answers.Count / 2] : 0):0} ms, max {(answers.Count > 0 ? answers[^1] : 0):0} ms; "
            + $"job list reads {requests.Count(r => r.Request == "GET /api/profile-bulk-import-jobs")}, single job reads {requests.Count(r => r.Request.StartsWith("GET /api/profile-bulk-import-jobs/", StringComparison.Ordinal))}");
    }

    // The machine's 1-minute load average (Linux), since other work on the same cores moves these numbers.
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>
    /// The shortest time in which the windows let <paramref name="calls"/> calls start, with every window sliding as
    /// the pacer and the fakes count them: the k-th call goes no earlier than the (k − permits)-th plus that window,
    /// for each limit. With one binding limit that is ⌊k / permits⌋ windows; when the per-second limit spreads the
    /// first minute's calls, the next minute's follow the same spread (300 Klaviyo calls: 74 s, not 60 s).
    /// </summary>
    private static double FastestSeconds(int calls, IReadOnlyList<RateWindow> limits)
    {
        var starts = new double[Math.Max(calls, 1)];
        for (var k = 1; k < calls; k++)
        {
            starts[k] = starts[k - 1];
            foreach (var limit in limits.Where(l => k >= l.Permits))
            {
                starts[k] = Math.Max(starts[k], starts[k - limit.Permits] + limit.Window.TotalSeconds);
            }
        }

        return Math.Max(starts[^1], 1e-3);
    }

    private static string?[] Row(DestinationKind kind, int n) => kind == DestinationKind.Klaviyo
        ? [$"C{n:D8}", $"customer{n}@example.com", "Ann"]
        : [Hash($"customer{n}@example.com"), n % 4 == 0 ? null : Hash($"1555{n:D7}"), Hash("ann"), $"C{n:D8}"];

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
