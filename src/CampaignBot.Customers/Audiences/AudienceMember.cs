using CampaignBot.Core.Audiences;

namespace CampaignBot.Customers.Audiences;

/// <param name="Attributes">Values of the requested attributes, in request order (null where unknown).</param>
public sealed record AudienceMember(string CustomerId, GroupSlot Slot, object?[] Attributes);
