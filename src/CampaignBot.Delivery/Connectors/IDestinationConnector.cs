using CampaignBot.Core.Destinations;

namespace CampaignBot.Delivery.Connectors;

/// <summary>
/// Delivers shaped batches to one configured destination. Connectors never choose audience members or
/// raise alerts; the run pipeline does, from the outcomes.
/// </summary>
public interface IDestinationConnector
{
    DestinationInstance Instance { get; }

    /// <summary>
    /// Idempotent per (target, sequence): delivering the same batch again after a crash replaces what
    /// the first attempt left, never duplicates it.
    /// </summary>
    Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken);

    /// <summary>Called once all batches of a target are delivered (a file destination writes its manifest).</summary>
    /// <param name="dropped">Rows dropped before delivery, by <see cref="DropReason"/> name.</param>
    /// <returns>Where the completion record is (the manifest's path), or null when the destination keeps none.</returns>
    Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken);
}
