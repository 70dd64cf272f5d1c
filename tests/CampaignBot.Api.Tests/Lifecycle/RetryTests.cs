using CampaignBot.Api.Runs;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class RetryTests
{
    [Fact]
    public async Task A_failed_delivery_is_retried_alone_and_what_was_delivered_is_not_sent_again()
    {
        var refusing = new RefusingGroup("Email B");
        await using var host = new LifecycleHost(services: s => s.AddSingleton<IConnectorFactory>(new RefusingConnectors(new ConnectorFactory(Path.GetTempPath()), refusing)));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        var failed = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.PartiallyFailed), failed.Status);
        Assert.Equal(CampaignStatus.PartiallyFailed, host.Campaigns.Get(id, host.Maya).Unwrap().Status);
        var broken = Assert.Single(failed.Deliveries, d => d.Status == "Failed");
        Assert.Equal(("Email B", "Batch 1 failed: The folder is read-only.", "Permission"), (broken.Group, broken.Error, broken.Failure));
        Assert.Equal(["retry"], failed.Actions);
        var firstDelivered = Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc).Single();

        refusing.Refuse = false;
        host.Runs.Retry(failed.Id, host.Maya).Unwrap();
        await host.TickAsync();

        var retried = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), retried.Status);
        Assert.Equal(CampaignStatus.Completed, host.Campaigns.Get(id, host.Maya).Unwrap().Status);
        Assert.Equal([1, 2], retried.Deliveries.Select(d => d.Attempts).Order());
        Assert.Equal(retried.Recipients, retried.Deliveries.Sum(d => d.Rows));
        Assert.Contains(firstDelivered, Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc));
        Assert.IsType<Application.ServiceResult<RunView>.Conflict>(host.Runs.Retry(failed.Id, host.Maya));
    }

    private sealed class RefusingGroup(string group)
    {
        public string Group => group;

        public bool Refuse { get; set; } = true;
    }

    private sealed class RefusingConnectors(IConnectorFactory real, RefusingGroup refusing) : IConnectorFactory
    {
        public bool Supports(DestinationKind kind) => real.Supports(kind);

        public IDestinationConnector Create(DestinationInstance instance) => new Refusing(real.Create(instance), refusing);

        private sealed class Refusing(IDestinationConnector inner, RefusingGroup refusing) : IDestinationConnector
        {
            public DestinationInstance Instance => inner.Instance;

            public Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken) =>
                refusing.Refuse && batch.Target.Group == refusing.Group
                    ? Task.FromResult<BatchOutcome>(new BatchOutcome.Permanent("The folder is read-only.", FailureKind.Permission))
                    : inner.DeliverAsync(batch, cancellationToken);

            public Task<string?> CompleteAsync(DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken) =>
                inner.CompleteAsync(target, batches, dropped, cancellationToken);
        }
    }
}
