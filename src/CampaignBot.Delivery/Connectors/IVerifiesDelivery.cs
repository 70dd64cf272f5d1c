namespace CampaignBot.Delivery.Connectors;

/// <summary>
/// A connector whose destination can say, once a delivery is complete, how many of its rows it holds (an import
/// job's totals, an audience's received count, a list's size), so the run can tell when rows went missing.
/// </summary>
public interface IVerifiesDelivery
{
    /// <returns>The rows the destination reports holding for this delivery, or null when it cannot say yet.</returns>
    Task<long?> CountDeliveredAsync(DeliveryTarget target, CancellationToken cancellationToken);
}
