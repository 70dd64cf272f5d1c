using CampaignBot.Core.Audiences;
using CampaignBot.Core.Destinations;

namespace CampaignBot.Customers.Audiences;

/// <summary>One (recipient group, destination) whose rows a preview counts before any is sent.</summary>
/// <param name="SuppressionChannel">The destination's channel ("email", "sms"), whose suppressions apply on top of "all"; null for none.</param>
/// <param name="Requirements">The identifier checks in the order the run applies them; a row counts under the first it fails.</param>
/// <param name="Cap">The frequency cap of the destination's channel; null when the channel is not capped.</param>
public sealed record DeliveryCheck(GroupSlot Slot, string? SuppressionChannel, IReadOnlyList<ColumnRequirement> Requirements, FrequencyCapCheck? Cap = null);

/// <summary>A row fails when every one of <see cref="AnyOf"/> is null or blank.</summary>
public sealed record ColumnRequirement(DropReason Reason, IReadOnlyList<AttributeColumn> AnyOf);

/// <summary>What a <see cref="DeliveryCheck"/> found among its group's members.</summary>
/// <param name="Suppressed">Members suppressed for the destination's channel only (those suppressed for all channels are not members).</param>
/// <param name="Missing">Per requirement, in order: members neither suppressed nor capped who fail it and no earlier one.</param>
/// <param name="Capped">Members not suppressed but already at the frequency cap of the destination's channel.</param>
public sealed record DeliveryCount(long Members, long Suppressed, IReadOnlyList<long> Missing, long Capped = 0)
{
    public long Deliverable => Members - Suppressed - Capped - Missing.Sum();
}
