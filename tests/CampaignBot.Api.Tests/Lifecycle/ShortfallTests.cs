using CampaignBot.App.Runs;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class ShortfallTests
{
    [Fact]
    public async Task A_destination_refusing_more_rows_than_the_tolerance_fails_the_delivery_as_a_shortfall_and_retry_resends_it_whole()
    {
        var lossy = new Lossy { RefusePercent = 10 };
        await using var host = new LifecycleHost(
            new Dictionary<string, string?> { ["Scheduler:BatchSize"] = "100" },
            s => s.AddSingleton<IConnectorFactory>(new LossyConnectors(new ConnectorFactory(Path.GetTempPath()), lossy)));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();
        var failed = host.OnlyRun(id);
        var short0 = failed.Deliveries[0];

        lossy.RefusePercent = 0;
        host.Runs.Retry(failed.Id, host.Maya).Unwrap();
        await host.TickAsync();
        var retried = host.OnlyRun(id);

        Assert.Equal(nameof(RunStatus.Failed), failed.Status);
        Assert.All(failed.Deliveries, d => Assert.Equal(("Failed", "Shortfall"), (d.Status, d.Failure)));
        Assert.Matches(@"^Local folder holds [\d,]+ of the [\d,]+ rows sent: [\d,]+ \(1\d(\.\d)?%\) are missing, more than the 2% tolerance\.$", short0.Error);
        Assert.StartsWith("Local folder reports holding fewer rows than were sent", short0.Advice!.Cause, StringComparison.Ordinal);
        Assert.Equal(nameof(RunStatus.Completed), retried.Status);
        Assert.Equal(CampaignStatus.Completed, host.Campaigns.Get(id, host.Maya).Unwrap().Status);
        Assert.Equal(retried.Recipients, retried.Deliveries.Sum(d => d.Rows));
        Assert.All(retried.Deliveries, d => Assert.Equal((0, failed.Deliveries.Single(f => f.Group == d.Group).Batches), (d.Rejected, d.Batches)));
        Assert.Equal(retried.Deliveries.Sum(d => d.Batches), Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task A_few_refused_rows_within_the_tolerance_are_recorded_and_the_delivery_succeeds()
    {
        var lossy = new Lossy { RefusePercent = 1 };
        await using var host = new LifecycleHost(
            new Dictionary<string, string?> { ["Scheduler:BatchSize"] = "100" },
            s => s.AddSingleton<IConnectorFactory>(new LossyConnectors(new ConnectorFactory(Path.GetTempPath()), lossy)));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        var run = host.OnlyRun(id);

        Assert.Equal(nameof(RunStatus.Completed), run.Status);
        Assert.All(run.Deliveries, d => Assert.True(d.Rejected > 0 && d.Status == "Delivered", $"{d.Group}: {d.Rejected} rejected, {d.Status}"));
    }

    [Fact]
    public async Task A_destination_reporting_fewer_rows_than_it_accepted_fails_the_delivery_as_a_shortfall()
    {
        var lossy = new Lossy { ReportPercent = 50 };
        await using var host = new LifecycleHost(services: s => s.AddSingleton<IConnectorFactory>(new LossyConnectors(new ConnectorFactory(Path.GetTempPath()), lossy)));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        var run = host.OnlyRun(id);

        Assert.All(run.Deliveries, d =>
        {
            Assert.Equal(("Failed", "Shortfall"), (d.Status, d.Failure));
            Assert.Equal(d.Rows / 2, d.Reported);
        });
    }

    [Theory]
    [InlineData(1000, 1000, null)]
    [InlineData(1000, 980, null)]
    [InlineData(1000, 979, "Klaviyo holds 979 of the 1,000 rows sent: 21 (2.1%) are missing, more than the 2% tolerance.")]
    [InlineData(0, 0, null)]
    [InlineData(10, 12, null)]
    public void The_shortfall_rule(long sent, long held, string? expected)
    {
        Assert.Equal(expected, DeliveryShortfall.Check(sent, held, 2, "Klaviyo"));
    }

    private sealed class Lossy
    {
        /// <summary>Of every batch, this share of rows is refused (rounded up).</summary>
        public int RefusePercent { get; set; }

        /// <summary>After completion, the destination reports holding this share of what it accepted; 0 reports nothing.</summary>
        public int ReportPercent { get; init; }
    }

    private sealed class LossyConnectors(IConnectorFactory real, Lossy lossy) : IConnectorFactory
    {
        public bool Supports(DestinationKind kind) => real.Supports(kind);

        public IDestinationConnector Create(DestinationInstance instance) => new LossyConnector(real.Create(instance), lossy);

        private sealed class LossyConnector(IDestinationConnector inner, Lossy lossy) : IDestinationConnector, IVerifiesDelivery
        {
            private long _accepted;

            public DestinationInstance Instance => inner.Instance;

            public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
            {
                var outcome = await inner.DeliverAsync(batch, cancellationToken);
                var refused = (batch.Rows.Count * lossy.RefusePercent + 99) / 100;
                Interlocked.Add(ref _accepted, batch.Rows.Count - refused);
                return refused == 0 ? outcome : new BatchOutcome.PartiallyRejected(batch.Rows.Count - refused, refused, "invalid rows");
            }

            // Like an API destination, it keeps no completion record (a partial rejection carries no file reference).
            public Task<string?> CompleteAsync(DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken) =>
                Task.FromResult<string?>(null);

            public Task<long?> CountDeliveredAsync(DeliveryTarget target, CancellationToken cancellationToken) =>
                Task.FromResult<long?>(lossy.ReportPercent == 0 ? null : Interlocked.Read(ref _accepted) * lossy.ReportPercent / 100);
        }
    }
}
