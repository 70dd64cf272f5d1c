using System.Diagnostics.CodeAnalysis;
using CampaignBot.Bench.Splitting;

namespace CampaignBot.Bench;

public static class Benchmarks
{
    private static readonly Dictionary<string, Func<BenchOptions, Task<BenchReport>>> All = new(StringComparer.OrdinalIgnoreCase)
    {
        ["split"] = SplitBenchmark.RunAsync,
        ["audience"] = Audiences.AudienceBenchmark.RunAsync,
        ["preview"] = Audiences.PreviewBenchmark.RunAsync,
        ["export"] = Export.ExportBenchmark.RunAsync,
        ["import"] = Imports.ImportBenchmark.RunAsync,
        ["run"] = Runs.RunBenchmark.RunAsync,
        ["results"] = Results.ResultsBenchmark.RunAsync,
        ["klaviyo"] = Delivery.DeliveryBenchmark.KlaviyoAsync,
        ["meta"] = Delivery.DeliveryBenchmark.MetaAsync,
        ["teams-invoke"] = Teams.TeamsInvokeBenchmark.RunAsync,
        ["slack-ack"] = Slack.SlackAckBenchmark.RunAsync,
        ["webchat"] = WebChat.WebChatBenchmark.RunAsync,
        ["trigger"] = Triggers.TriggerBenchmark.RunAsync,
    };

    public static IEnumerable<string> Names => All.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out Func<BenchOptions, Task<BenchReport>>? benchmark) =>
        All.TryGetValue(name, out benchmark);
}
