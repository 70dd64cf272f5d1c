using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.Api.Tests.Lifecycle;

/// <summary>
/// Real connectors that, at one batch, stop answering as a dead process would: before the batch is written,
/// or after it is written but before the run could record it. <see cref="Revive"/> lets the stuck call return
/// (as a zombie worker might) so tests can prove it no longer writes anything.
/// </summary>
internal sealed class HangingConnectors(IConnectorFactory real, int hangAtBatch, bool afterWriting) : IConnectorFactory
{
    private readonly TaskCompletionSource _revive = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _hung = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _hangAtBatch = hangAtBatch;
    private readonly bool _afterWriting = afterWriting;
    private int _batches;

    /// <summary>Completes when the worker is stuck at the chosen batch.</summary>
    public Task Hung => _hung.Task;

    public bool Supports(DestinationKind kind) => real.Supports(kind);

    public IDestinationConnector Create(DestinationInstance instance) => new Hanging(real.Create(instance), this);

    public void Revive() => _revive.TrySetResult();

    private sealed class Hanging(IDestinationConnector inner, HangingConnectors owner) : IDestinationConnector
    {
        public DestinationInstance Instance => inner.Instance;

        public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
        {
            var hangHere = Interlocked.Increment(ref owner._batches) == owner._hangAtBatch;
            if (hangHere && !owner._afterWriting)
            {
                await HangAsync();
            }

            var outcome = await inner.DeliverAsync(batch, cancellationToken);
            if (hangHere && owner._afterWriting)
            {
                await HangAsync();
            }

            return outcome;
        }

        public Task<string?> CompleteAsync(DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken) =>
            inner.CompleteAsync(target, batches, dropped, cancellationToken);

        private async Task HangAsync()
        {
            owner._hung.TrySetResult();
            await owner._revive.Task;
        }
    }
}
