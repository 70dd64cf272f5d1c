using CampaignBot.Core.Destinations;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class CompletionFailureTests
{
    [Fact]
    public async Task A_destination_that_cannot_confirm_fails_only_its_delivery_and_a_retry_finishes_it_without_resending()
    {
        var connectors = new FailingCompletion(new ConnectorFactory(Path.GetTempPath()), failures: 1);
        await using var host = new LifecycleHost(services: s => s.AddSingleton<IConnectorFactory>(connectors));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());

        await host.TickAsync();
        var run = host.Runs.ForCampaign(id, host.Maya).Unwrap().Single();
        var failed = run.Deliveries.Single(d => d.Status == "Failed");
        var rowsBefore = run.Deliveries.Sum(d => d.Rows);
        var sendsBefore = connectors.Batches;

        Assert.Equal("Permission", failed.Failure);
        Assert.Contains("the token lacks ads_management", failed.Error, StringComparison.Ordinal);
        Assert.Single(run.Deliveries, d => d.Status == "Delivered");
        Assert.Equal(CampaignStatus.PartiallyFailed, host.View(id).Status);

        host.Runs.Retry(run.Id, host.Maya).Unwrap();
        await host.TickAsync();
        var retried = host.Runs.Get(run.Id, host.Maya).Unwrap();

        Assert.All(retried.Deliveries, d => Assert.Equal("Delivered", d.Status));
        Assert.Equal(rowsBefore, retried.Deliveries.Sum(d => d.Rows));
        Assert.Equal(sendsBefore, connectors.Batches);
    }

    /// <summary>Real connectors whose first <c>failures</c> completions refuse, as a service would on a missing permission.</summary>
    private sealed class FailingCompletion(IConnectorFactory real, int failures) : IConnectorFactory
    {
        private int _failures = failures;
        private int _batches;

        public int Batches => _batches;

        public bool Supports(DestinationKind kind) => real.Supports(kind);

        public IDestinationConnector Create(DestinationInstance instance) => new Failing(real.Create(instance), this);

        private sealed class Failing(IDestinationConnector inner, FailingCompletion owner) : IDestinationConnector
        {
            public DestinationInstance Instance => inner.Instance;

            public Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref owner._batches);
                return inner.DeliverAsync(batch, cancellationToken);
            }

            public Task<string?> CompleteAsync(DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken) =>
                Interlocked.Decrement(ref owner._failures) >= 0
                    ? throw new CompletionFailedException("Checking the audience failed: the token lacks ads_management", FailureKind.Permission)
                    : inner.CompleteAsync(target, batches, dropped, cancellationToken);
        }
    }
}
