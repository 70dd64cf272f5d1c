using System.Diagnostics;
using System.Globalization;
using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Users;
using CampaignBot.Conversations.Inbound;
using CampaignBot.Core.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Bench.WebChat;

/// <summary>
/// N people signed in to the web chat at once, each with a live event stream, each sending one command (list and help,
/// alternating) at the same moment. Latency is per session, from the start of its POST /chat/say to the arrival of the
/// answer on that session's own stream. The reference is the same burst handed straight to the conversation core's
/// inbound pipeline in process (no HTTP, no stream), so the ratio is what the web channel adds to the core's own time.
/// </summary>
public static class WebChatBenchmark
{
    private const string CampaignName = "Spring sale";
    private static readonly string[] Commands = ["list", "help"];
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private const int SignInsAtOnce = 10;
    private const int WarmUpRounds = 3;

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var customers = options.CustomersOr(10_000);
        var sessions = checked((int)options.RequestsOr(100));
        var folder = Directory.CreateTempSubdirectory("campaignbot-bench-webchat-");
        var browsers = new List<ChatBrowser>();
        using var deadline = new CancellationTokenSource(Deadline * 3);
        try
        {
            await using var service = WebChatService.Start(folder.FullName, customers, sessions);
            Seed(service.Services);

            var signingIn = Stopwatch.StartNew();
            using (var throttle = new SemaphoreSlim(SignInsAtOnce))
            {
                browsers.AddRange(await Task.WhenAll(Enumerable.Range(0, sessions).Select(async i =>
                {
                    await throttle.WaitAsync(deadline.Token);
                    try
                    {
                        return await ChatBrowser.SignInAsync(service.Address, WebChatService.KeyOf(i), deadline.Token);
                    }
                    finally
                    {
                        throttle.Release();
                    }
                })));
            }

            signingIn.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sessions} sessions signed in with live streams and greeted in {signingIn.Elapsed.TotalSeconds:0.0} s"));

            // JIT, pools, LiteDB and DuckDB warm, through both paths, one command after another.
            var pipeline = service.Services.GetRequiredService<InboundPipeline>();
            for (var round = 0; round < WarmUpRounds; round++)
            {
                foreach (var command in Commands)
                {
                    await browsers[round % browsers.Count].SayAsync(command, deadline.Token);
                    await CoreAnswerAsync(pipeline, WebChatService.PersonId(round % sessions), command, deadline.Token);
                }
            }

            var load = LoadAverage();
            PeakMemory.Reset();
            var cpuBefore = Cpu();
            var (web, webWall, accepted) = await WebBurstAsync(browsers, deadline.Token);
            var webCpu = Cpu() - cpuBefore;
            cpuBefore = Cpu();
            var (core, coreWall) = await CoreBurstAsync(pipeline, sessions, deadline.Token);
            var coreCpu = Cpu() - cpuBefore;
            var peak = PeakMemory.Megabytes();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{sessions} signed-in sessions with live streams sent {string.Join(" / ", Commands)} at once (load average {load}): "
                + $"answer on the stream p50 {Percentile(web, 50):0.0} ms, p95 {Percentile(web, 95):0.0} ms, p99 {Percentile(web, 99):0.0} ms, max {web[^1]:0.0} ms "
                + $"(goal: p99 under 200 ms); POST accepted p50 {Percentile(accepted, 50):0.0} ms, p99 {Percentile(accepted, 99):0.0} ms; all answered in {webWall.TotalSeconds:0.000} s using {webCpu.TotalMilliseconds:0} ms of CPU (client and service). "
                + $"The same burst straight into the core's pipeline: p50 {Percentile(core, 50):0.0} ms, p99 {Percentile(core, 99):0.0} ms, all in {coreWall.TotalSeconds:0.000} s using {coreCpu.TotalMilliseconds:0} ms of CPU"));
            return new BenchReport("webchat", sessions, Math.Round(webWall.TotalSeconds, 3), Math.Round(sessions / webWall.TotalSeconds), Math.Round(peak, 1))
            {
                P50Ms = Math.Round(Percentile(web, 50), 1),
                P95Ms = Math.Round(Percentile(web, 95), 1),
                P99Ms = Math.Round(Percentile(web, 99), 1),
                MaxMs = Math.Round(web[^1], 1),
                Answered = web.Length,
                AnswerSeconds = Math.Round(webWall.TotalSeconds, 3),
                ReferenceSeconds = Math.Round(coreWall.TotalSeconds, 3),
                Ratio = Math.Round(webWall.TotalSeconds / coreWall.TotalSeconds, 2),
                CpuSeconds = Math.Round(webCpu.TotalSeconds, 3),
                ReferenceCpuSeconds = Math.Round(coreCpu.TotalSeconds, 3),
            };
        }
        finally
        {
            foreach (var browser in browsers)
            {
                await browser.DisposeAsync();
            }

            folder.Delete(recursive: true);
        }
    }

    /// <summary>Every session posts its command at the same moment; latencies sorted, and the burst until the last answer.</summary>
    private static async Task<(double[] Answered, TimeSpan Wall, double[] Accepted)> WebBurstAsync(IReadOnlyList<ChatBrowser> browsers, CancellationToken cancellationToken)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var burst = browsers.Select(async (browser, i) =>
        {
            await gate.Task;
            return await browser.SayAsync(Commands[i % Commands.Length], cancellationToken);
        }).ToList();
        var wall = Stopwatch.StartNew();
        gate.SetResult();
        var results = await Task.WhenAll(burst);
        wall.Stop();
        return ([.. results.Select(r => r.Answered.TotalMilliseconds).Order()], wall.Elapsed, [.. results.Select(r => r.Accepted.TotalMilliseconds).Order()]);
    }

    /// <summary>The same commands for the same people, accepted by the inbound pipeline in process, each answer timed as the core hands it over.</summary>
    private static async Task<(double[] Answered, TimeSpan Wall)> CoreBurstAsync(InboundPipeline pipeline, int sessions, CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        var latencies = await Task.WhenAll(Enumerable.Range(0, sessions).Select(i => CoreAnswerAsync(pipeline, WebChatService.PersonId(i), Commands[i % Commands.Length], cancellationToken)));
        wall.Stop();
        return ([.. latencies.Order()], wall.Elapsed);
    }

    private static async Task<double> CoreAnswerAsync(InboundPipeline pipeline, string person, string command, CancellationToken cancellationToken)
    {
        var answered = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = Stopwatch.GetTimestamp();
        var accepted = pipeline.Accept(
            new InboundMessage(ChatChannels.Web, person, $"chat:{person}", new InboundContent.Text(command), $"bench:{Guid.NewGuid():N}"),
            (_, _) =>
            {
                answered.TrySetResult(Stopwatch.GetTimestamp());
                return Task.CompletedTask;
            });
        if (accepted != InboundAcceptance.Queued)
        {
            throw new InvalidOperationException($"The pipeline refused '{command}': {accepted}.");
        }

        return Stopwatch.GetElapsedTime(start, await answered.Task.WaitAsync(cancellationToken)).TotalMilliseconds;
    }

    private static void Seed(IServiceProvider services)
    {
        var author = new Actor(services.GetRequiredService<UserDirectory>().ById(WebChatService.PersonId(0))!, "bench");
        services.GetRequiredService<CampaignService>().Create(BenchDrafts.TwoOffers(CampaignName, include: "Loyalty members"), author).Unwrap();
    }

    /// <summary>CPU time this process (client, service and core together) has used so far.</summary>
    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The 1-minute load average (Linux), part of every figure on the shared machine.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>Nearest rank: the smallest latency with at least p% of the sessions at or below it.</summary>
    private static double Percentile(double[] sorted, int percent) => sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];
}
