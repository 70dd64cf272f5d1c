using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Segments;
using CampaignBot.App.Users;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Triggers;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Bench.Triggers;

/// <summary>
/// Events into <c>POST /api/events</c> at a steady rate (--requests N events a second, 10,000 by default) for
/// --seconds N (60 by default), in batches of 1,000, to a triggered campaign on "order" events whose audience is every
/// customer, with no control, holdout or cooldown, passing every second to the local outbox. Event i is about customer
/// i mod --customers (100,000 by default), so within one pass every event is about a different customer and each must
/// arrive as its own row. Figures: events accepted a second, and the time from each event's POST to its row in the
/// outbox (watched every 50 ms), at p50/p99/max; plus events lost (about a customer the outbox has, never delivered)
/// and duplicated (delivered more often than sent).
/// </summary>
public static class TriggerBenchmark
{
    private const int BatchSize = 1_000;
    private const int InFlight = 16;
    private static readonly TimeSpan DrainQuiet = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(5);

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var customers = options.CustomersOr(100_000);
        var rate = options.RequestsOr(10_000);
        var seconds = options.SecondsOr(60);
        var folder = Directory.CreateTempSubdirectory("campaignbot-bench-trigger-");
        try
        {
            await using var service = TriggerService.Start(folder.FullName, customers);
            await ApproveAsync(service.Services);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = InFlight }) { BaseAddress = service.Address, Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Add("X-Api-Key", TriggerService.SenderKey);

            var watcher = new OutboxWatcher(Path.Combine(folder.FullName, "outbox"));
            using var stopWatching = new CancellationTokenSource();
            var watching = Task.Run(() => watcher.WatchAsync(stopWatching.Token));

            PeakMemory.Reset();
            var load = LoadAverage();
            var total = checked(rate * seconds);
            var sent = new long[total];
            var (accepted, sendSeconds, requestMs) = await SendAsync(http, total, rate, customers, sent);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{accepted:N0} of {total:N0} events accepted in {sendSeconds:0.0} s ({accepted / sendSeconds:N0}/s against {rate:N0}/s asked; load average {load}); request p99 {Percentile(requestMs, 99):0} ms"));

            await DrainAsync(watcher);
            await stopWatching.CancelAsync();
            await watching;
            var peak = PeakMemory.Megabytes();

            var (latencies, lost, duplicated, outside) = Match(sent, customers, watcher.Arrivals);
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{latencies.Length:N0} events reached the outbox; event to delivery p50 {Percentile(latencies, 50):0} ms, p99 {Percentile(latencies, 99):0} ms, max {(latencies.Length == 0 ? 0 : latencies[^1]):0} ms; {lost:N0} lost, {duplicated:N0} duplicated, {outside:N0} about customers outside the audience (suppressed)"));
            return new BenchReport("trigger", accepted, sendSeconds, accepted / sendSeconds, peak)
            {
                P50Ms = Percentile(latencies, 50),
                P95Ms = Percentile(latencies, 95),
                P99Ms = Percentile(latencies, 99),
                MaxMs = latencies.Length == 0 ? 0 : latencies[^1],
                Answered = latencies.Length,
                Lost = lost,
                Duplicated = duplicated,
            };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Everyone (lifetime value is never negative), one group taking 100%, sent on each order.
    private static async Task ApproveAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserDirectory>();
        var author = new Actor(users.ById(TriggerService.Author)!, "bench");
        var approver = new Actor(users.ById(TriggerService.Approver)!, "bench");
        services.GetRequiredService<SegmentService>().Create(new SegmentInput { Name = "Everyone", Text = "lifetime_value >= 0" }, author).Unwrap();
        var draft = new CampaignDraft
        {
            Name = "Order thanks",
            Type = "triggered",
            Audience = new AudienceDraft { Include = ["Everyone"] },
            SubAudiences =
            [
                new SubAudienceDraft
                {
                    Name = "Everyone",
                    CatchAll = true,
                    ControlPercent = 0,
                    Groups = [new RecipientGroupDraft { Name = "Thanks", Percent = 100, Destinations = [new DestinationDraft { Destination = "outbox", Attributes = [new AttributeDraft { Name = "customer_id" }] }] }],
                },
            ],
            Schedule = new ScheduleDraft { Launch = "asap" },
            Trigger = new TriggerDraft { Event = "order" },
        };
        var id = services.GetRequiredService<CampaignService>().Create(draft, author).Unwrap().Id;
        var approvals = services.GetRequiredService<ApprovalService>();
        (await approvals.SubmitAsync(id, author, CancellationToken.None)).Unwrap();
        (await approvals.ApproveAsync(id, approver, null, CancellationToken.None)).Unwrap();
    }

    // Batch k is due at k × BatchSize / rate seconds; at most InFlight requests wait for their answer at once, so a
    // service that cannot keep up shows as a lower rate rather than as a queue in the client.
    private static async Task<(long Accepted, double Seconds, double[] RequestMs)> SendAsync(HttpClient http, long total, long rate, long customers, long[] sent)
    {
        var batches = (int)((total + BatchSize - 1) / BatchSize);
        var requestMs = new double[batches];
        long accepted = 0;
        using var slots = new SemaphoreSlim(InFlight);
        var tasks = new List<Task>(batches);
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; k < batches; k++)
        {
            var due = TimeSpan.FromSeconds((double)k * BatchSize / rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            await slots.WaitAsync();
            var batch = k;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var from = (long)batch * BatchSize;
                    var count = (int)Math.Min(BatchSize, total - from);
                    using var content = new StringContent(Body(from, count, customers), Encoding.UTF8, "application/json");
                    var posted = Stopwatch.GetTimestamp();
                    using var response = await http.PostAsync("api/events", content);
                    requestMs[batch] = Stopwatch.GetElapsedTime(posted).TotalMilliseconds;
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"Batch {batch} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }

                    for (var i = 0; i < count; i++)
                    {
                        sent[from + i] = posted;
                    }

                    Interlocked.Add(ref accepted, count);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
        Array.Sort(requestMs);
        return (accepted, Stopwatch.GetElapsedTime(start).TotalSeconds, requestMs);
    }

    private static string Body(long from, int count, long customers)
    {
        var body = new StringBuilder(count * 160).Append("{\"events\":[");
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var n = from + i;
            body.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"id\":\"e{n}\",\"customer_id\":\"{CustomerId(n % customers)}\",\"type\":\"order\",\"occurred_at\":\"{now}\",\"properties\":{{\"amount\":{n % 500}}}}}");
        }

        return body.Append("]}").ToString();
    }

    private static string CustomerId(long index) => "C" + (index + 1).ToString("D8", CultureInfo.InvariantCulture);

    // Until the outbox has been quiet for a while: the last passes finish after the last event was sent.
    private static async Task DrainAsync(OutboxWatcher watcher)
    {
        var drain = Stopwatch.StartNew();
        var rows = -1L;
        var quiet = Stopwatch.StartNew();
        while (drain.Elapsed < DrainLimit && quiet.Elapsed < DrainQuiet)
        {
            await Task.Delay(OutboxWatcher.Interval * 4);
            if (watcher.Rows != rows)
            {
                rows = watcher.Rows;
                quiet.Restart();
            }
        }
    }

    // Each customer's events in send order against its rows in arrival order: the j-th row delivers the j-th event.
    private static (double[] Latencies, long Lost, long Duplicated, long Outside) Match(long[] sent, long customers, Dictionary<string, List<long>> arrivals)
    {
        var latencies = new List<double>(sent.Length);
        long lost = 0, duplicated = 0, outside = 0;
        for (long c = 0; c < Math.Min(customers, sent.Length); c++)
        {
            var events = new List<long>();
            for (var n = c; n < sent.Length; n += customers)
            {
                if (sent[n] != 0)
                {
                    events.Add(sent[n]);
                }
            }

            if (!arrivals.TryGetValue(CustomerId(c), out var rows))
            {
                outside += events.Count;
                continue;
            }

            for (var j = 0; j < Math.Min(events.Count, rows.Count); j++)
            {
                latencies.Add(Stopwatch.GetElapsedTime(events[j], rows[j]).TotalMilliseconds);
            }

            lost += Math.Max(0, events.Count - rows.Count);
            duplicated += Math.Max(0, rows.Count - events.Count);
        }

        return ([.. latencies], lost, duplicated, outside);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static double Percentile(double[] sorted, int percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];
}
