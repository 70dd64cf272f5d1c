namespace CampaignBot.Delivery.Connectors;

/// <summary>
/// A connector whose destination list can lose members (an audience or list API with a delete), so a recurring
/// campaign keeps the list equal to its group: customers who left the group since the last run are removed.
/// File destinations need none of this; each run's files are the whole group.
/// </summary>
public interface IRemovesMembers
{
    /// <summary>
    /// Removes the batch's rows (shaped like delivered rows, numbered from 1 per run) from the target's list.
    /// Removing someone the list no longer holds is not an error, so a repeated batch is harmless.
    /// </summary>
    Task<BatchOutcome> RemoveAsync(DeliveryBatch batch, CancellationToken cancellationToken);
}
