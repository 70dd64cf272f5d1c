namespace CampaignBot.Delivery.Connectors;

/// <summary>
/// Rows already shaped for the destination, in <see cref="DeliveryTarget.Fields"/> order (dropped rows
/// never reach a connector). <see cref="Sequence"/> starts at 1 per target.
/// </summary>
public sealed record DeliveryBatch(DeliveryTarget Target, int Sequence, IReadOnlyList<string?[]> Rows);

/// <summary>A batch the destination accepted, as the run pipeline records it and hands back on completion.</summary>
public sealed record DeliveredBatch(int Sequence, int Rows, string? Reference);
