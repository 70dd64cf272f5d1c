using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.Api.Tests.Lifecycle;

/// <summary>The real connectors, except that a batch <see cref="Refuse"/> names is refused for good, as a destination would.</summary>
internal sealed class RefusingConnectors(IConnectorFactory real) : IConnectorFactory
{
    /// <summary>The refusal for a batch, or null to deliver it; tests change it between runs.</summary>
    public Func<DeliveryBatch, BatchOutcome.Permanent?> Refuse { get; set; } = _ => null;

    public bool Supports(DestinationKind kind) => real.Supports(kind);

    public IDestinationConnector Create(DestinationInstance instance) => new Refusing(real.Create(instance), this);

    private sealed class Refusing(IDestinationConnector inner, RefusingConnectors owner) : IDestinationConnector
    {
        public DestinationInstance Instance => inner.Instance;

        public Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken) =>
            owner.Refuse(batch) is { } refusal ? Task.FromResult<BatchOutcome>(refusal) : inner.DeliverAsync(batch, cancellationToken);

        public Task<string?> CompleteAsync(DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken) =>
            inner.CompleteAsync(target, batches, dropped, cancellationToken);
    }
}
