using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Users;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.Tests.Fakes;
using CampaignBot.Core.Campaigns;
using Microsoft.Extensions.DependencyInjection;
using CampaignBot.Chat.Slack.Protocol;

namespace CampaignBot.Bench.Slack;

/// <summary>
/// A burst of correctly signed <c>/campaign</c> commands (list, help, show of a seeded campaign, mixed) fired at once
/// at the real service over loopback HTTP. Slack wants each acknowledged within 3 s (S3); the answers then go to
/// each command's response_url on the fake. n is the commands; seconds is the burst until the last acknowledgement.
/// While the burst's answers wait in the queue, <c>/campaign new</c> requests arrive one every few milliseconds; each
/// must reach views.open within its trigger's 3 s (S4), and the time from request to views.open is measured.
/// </summary>
public static class SlackAckBenchmark
{
    private const string CampaignName = "Spring sale";
    private const int WarmUpRounds = 5;
    private static readonly string[] Commands = ["list", "help", $"show {CampaignName}"];
    private static readonly TimeSpan AnswerDeadline = TimeSpan.FromMinutes(2);
    private const int Modals = 50;
    private static readonly TimeSpan ModalSpacing = TimeSpan.FromMilliseconds(4);
    private const string TooLate = "took too long";

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var customers = options.CustomersOr(10_000);
        var requests = checked((int)options.RequestsOr(200));
        var folder = Directory.CreateTempSubdirectory("campaignbot-bench-slack-");
        try
        {
            await using var slack = await FakeSlack.StartAsync();
            slack.AddUser(SlackAckService.SlackUser, email: null);
            await using var service = SlackAckService.Start(folder.FullName, customers, slack);
            Seed(service.Services);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(30) };

            await WarmUpAsync(http, slack);

            var answeredBefore = slack.CallsTo("response_url").Count;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var burst = Enumerable.Range(0, requests).Select(i => Signed(Commands[i % Commands.Length], slack.NewResponseUrl())).Select(async request =>
            {
                using var sent = request;
                await gate.Task;
                var start = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(sent, HttpCompletionOption.ResponseHeadersRead);
                var elapsed = Stopwatch.GetElapsedTime(start);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), elapsed);
            }).ToList();

            var modals = OpenModalsAsync(http, slack, gate.Task);

            PeakMemory.Reset();
            var startedAt = TimeProvider.System.GetUtcNow();
            var wall = Stopwatch.StartNew();
            gate.SetResult();
            var acks = await Task.WhenAll(burst);
            wall.Stop();
            var modalsSent = await modals;

            // A 200 with a body is the "very busy" answer: the work was refused, not queued.
            var refused = acks.Where(a => a.StatusCode != HttpStatusCode.OK || a.Body.Length > 0).ToList();
            if (refused.Count > 0)
            {
                throw new InvalidOperationException($"{refused.Count} of {requests} commands were not acknowledged as queued work, e.g. {(int)refused[0].StatusCode} {refused[0].Body}");
            }

            var opened = await ViewsOpenedAsync(slack, modalsSent);
            var answers = (await AnswersAsync(slack, answeredBefore, requests, excludingTooLate: true)).Where(a => !IsTooLate(a)).ToList();
            var modalLatencies = opened.Select(o => (o.Call.At - modalsSent[o.Trigger]).TotalMilliseconds).Order().ToArray();
            var queuedAtOpen = opened.Select(o => (double)(requests - answers.Count(a => a.At <= o.Call.At))).Order().ToArray();
            if (opened.Count < Modals)
            {
                throw new InvalidOperationException($"Only {opened.Count} of {Modals} forms opened; the others waited past their trigger's life.");
            }

            var failed = answers.Count(a => a.Error is not null);
            var answered = answers.Count - failed;
            var answerSeconds = answers.Count == 0 ? double.NaN : (answers.Max(a => a.At) - startedAt).TotalSeconds;
            var latencies = acks.Select(a => a.elapsed.TotalMilliseconds).Order().ToArray();
            var peak = PeakMemory.Megabytes();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{requests} signed /campaign commands ({string.Join(", ", Commands)}) at once against {customers:N0} demo customers: "
                + $"acknowledged in p50 {Percentile(latencies, 50):0.0} ms, p95 {Percentile(latencies, 95):0.0} ms, p99 {Percentile(latencies, 99):0.0} ms, max {latencies[^1]:0.0} ms; "
                + $"burst {wall.Elapsed.TotalSeconds:0.000} s; {answered} answers at the response_urls ({failed} refused by the fake), the last {answerSeconds:0.000} s after the burst began; "
                + $"{Modals} /campaign new during the burst reached views.open in p50 {Percentile(modalLatencies, 50):0.0} ms, p99 {Percentile(modalLatencies, 99):0.0} ms, max {modalLatencies[^1]:0.0} ms "
                + $"with a median of {Percentile(queuedAtOpen, 50):0} of the burst's answers still queued"));
            return new BenchReport("slack-ack", requests, Math.Round(wall.Elapsed.TotalSeconds, 3), Math.Round(requests / wall.Elapsed.TotalSeconds), Math.Round(peak, 1))
            {
                P50Ms = Math.Round(Percentile(latencies, 50), 1),
                P95Ms = Math.Round(Percentile(latencies, 95), 1),
                P99Ms = Math.Round(Percentile(latencies, 99), 1),
                MaxMs = Math.Round(latencies[^1], 1),
                Answered = answered,
                AnswerSeconds = Math.Round(answerSeconds, 3),
                Modals = Modals,
                ModalP50Ms = Math.Round(Percentile(modalLatencies, 50), 1),
                ModalP99Ms = Math.Round(Percentile(modalLatencies, 99), 1),
                ModalMaxMs = Math.Round(modalLatencies[^1], 1),
                ModalMedianQueued = Percentile(queuedAtOpen, 50),
            };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Each command a few times, one after another, until their answers are back: JIT, pools, LiteDB and DuckDB warm.</summary>
    private static async Task WarmUpAsync(HttpClient http, FakeSlack slack)
    {
        var before = slack.CallsTo("response_url").Count;
        for (var round = 0; round < WarmUpRounds; round++)
        {
            foreach (var command in Commands)
            {
                using var request = Signed(command, slack.NewResponseUrl());
                using var response = await http.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"Warm-up '{command}' was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        var answers = await AnswersAsync(slack, before, WarmUpRounds * Commands.Length);
        if (answers.Count < WarmUpRounds * Commands.Length || answers.Any(a => a.Error is not null))
        {
            throw new InvalidOperationException($"Warm-up answers did not all arrive intact ({answers.Count} arrived).");
        }

        for (var round = 0; round < WarmUpRounds; round++)
        {
            var trigger = $"warm-up-{round}-{Guid.NewGuid():N}";
            using var request = Signed("new", slack.NewResponseUrl(), trigger);
            using var response = await http.SendAsync(request);
            var opened = await ViewsOpenedAsync(slack, new Dictionary<string, DateTimeOffset> { [trigger] = TimeProvider.System.GetUtcNow() });
            if (opened.Count == 0 || opened[0].Call.Error is not null)
            {
                throw new InvalidOperationException("Warm-up '/campaign new' did not open the wizard.");
            }
        }

        // The show answers must be the seeded campaign's card, or the burst would measure a "not found" reply.
        if (answers.Select(a => string.Join('\n', Strings(a.Body))).Count(t => t.Contains(CampaignName, StringComparison.Ordinal) && t.Contains("Loyalty members", StringComparison.Ordinal)) < WarmUpRounds)
        {
            throw new InvalidOperationException($"'show {CampaignName}' did not answer with the campaign's summary.");
        }
    }

    /// <summary>
    /// <c>/campaign new</c> every <see cref="ModalSpacing"/> from the moment the burst is released, so they arrive
    /// behind its queued answers; returns each request's trigger_id and when it was sent.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, DateTimeOffset>> OpenModalsAsync(HttpClient http, FakeSlack slack, Task released)
    {
        var requests = Enumerable.Range(0, Modals).Select(i => (Trigger: $"modal-{i}-{Guid.NewGuid():N}", ResponseUrl: slack.NewResponseUrl())).ToList();
        var sent = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var pending = new List<Task>();
        await released;
        foreach (var (trigger, responseUrl) in requests)
        {
            var request = Signed("new", responseUrl, trigger);
            sent[trigger] = TimeProvider.System.GetUtcNow();
            pending.Add(SendAsync(http, request));
            await Task.Delay(ModalSpacing);
        }

        await Task.WhenAll(pending);
        return sent;
    }

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || body.Length > 0)
            {
                throw new InvalidOperationException($"'/campaign new' was answered {(int)response.StatusCode} {body}");
            }
        }
    }

    /// <summary>The views.open call for each trigger, waiting until each opened or was answered "took too long".</summary>
    private static async Task<IReadOnlyList<(string Trigger, FakeSlackCall Call)>> ViewsOpenedAsync(FakeSlack slack, IReadOnlyDictionary<string, DateTimeOffset> sent)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var opened = slack.CallsTo("views.open")
                .Select(c => (Trigger: c.Body["trigger_id"]?.GetValue<string>() ?? "", Call: c))
                .Where(o => sent.ContainsKey(o.Trigger))
                .ToList();
            var late = slack.CallsTo("response_url").Count(IsTooLate);
            if (opened.Count + late >= sent.Count || waited.Elapsed > AnswerDeadline)
            {
                return opened;
            }

            await Task.Delay(5);
        }
    }

    private static bool IsTooLate(FakeSlackCall call) => Strings(call.Body).Any(t => t.Contains(TooLate, StringComparison.Ordinal));

    private static async Task<IReadOnlyList<FakeSlackCall>> AnswersAsync(FakeSlack slack, int skip, int expected, bool excludingTooLate = false)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var answers = slack.CallsTo("response_url").Skip(skip).Where(a => !excludingTooLate || !IsTooLate(a)).ToList();
            if (answers.Count >= expected || waited.Elapsed > AnswerDeadline)
            {
                return answers;
            }

            await Task.Delay(5);
        }
    }

    /// <summary>A slash command as Slack posts it: form-encoded, timestamped and signed over the exact bytes (S1, S3).</summary>
    private static HttpRequestMessage Signed(string text, Uri responseUrl, string? triggerId = null)
    {
        var form = new Dictionary<string, string>
        {
            ["token"] = "legacy-unused",
            ["team_id"] = "T0001",
            ["channel_id"] = "CGENERAL",
            ["user_id"] = SlackAckService.SlackUser,
            ["user_name"] = "maya",
            ["command"] = "/campaign",
            ["text"] = text,
            ["response_url"] = responseUrl.AbsoluteUri,
            ["trigger_id"] = triggerId ?? $"trigger-{Guid.NewGuid():N}",
            ["api_app_id"] = "A0001",
        };
        var body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, SlackSignatureVerifier.ComputeSignature(SlackAckService.SigningSecret, timestamp, body));
        return request;
    }

    private static void Seed(IServiceProvider services)
    {
        var maya = new Actor(services.GetRequiredService<UserDirectory>().ById("maya")!, "bench");
        services.GetRequiredService<CampaignService>().Create(BenchDrafts.TwoOffers(CampaignName, include: "Loyalty members"), maya).Unwrap();
    }

    /// <summary>Nearest rank: the smallest latency with at least p% of the requests at or below it.</summary>
    private static double Percentile(double[] sorted, int percent) => sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1)];

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var text) => [text],
        _ => [],
    };
}
