using System.Diagnostics;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.Delivery.Tests.Connectors.Http;

/// <summary>What the run pipeline does with an outcome, in small: send again after a transient one, waiting as told.</summary>
internal static class RunnerLike
{
    public static async Task<BatchOutcome> DeliverAsync(IDestinationConnector connector, DeliveryBatch batch, int attempts = 10)
    {
        var outcome = await connector.DeliverAsync(batch, CancellationToken.None);
        for (var i = 1; i < attempts && outcome is BatchOutcome.Transient transient; i++)
        {
            await Task.Delay(transient.RetryAfter is { } wait && wait < TimeSpan.FromSeconds(5) ? wait : TimeSpan.FromMilliseconds(100));
            outcome = await connector.DeliverAsync(batch, CancellationToken.None);
        }

        return outcome;
    }

    public static DeliveryTarget Target(IDestinationConnector connector, IReadOnlyList<string> fields, string group = "Active email A", string runId = "run-1") => new()
    {
        CampaignId = "7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f",
        Campaign = "Spring Sale",
        Group = group,
        RunId = runId,
        ListName = ListNames.For(connector.Instance.Descriptor, "Spring Sale", group),
        Fields = fields,
        CreatedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
    };

    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }
}
