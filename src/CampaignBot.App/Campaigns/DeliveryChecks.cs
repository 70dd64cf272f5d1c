using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Audiences;

namespace CampaignBot.App.Campaigns;

/// <summary>
/// What a preview checks for one resolved delivery: the run's channel suppressions, its channel's frequency cap as of
/// <c>now</c>, and the identifier rules, as engine columns.
/// </summary>
public static class DeliveryChecks
{
    public static DeliveryCheck For(ResolvedDelivery delivery, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var requirements = IdentifierRequirements.For(delivery.Instance.Descriptor, delivery.Attributes)
            .Select(r => new ColumnRequirement(r.Reason, r.AnyOf.Select(name => ColumnOf(delivery, name)).ToList()))
            .ToList();
        return new DeliveryCheck(delivery.Slot, delivery.SuppressionChannel, requirements, delivery.CapAt(now));
    }

    // Columns are in attribute order (the country, when read, comes last), as the run reads them.
    private static AttributeColumn ColumnOf(ResolvedDelivery delivery, string attribute)
    {
        for (var i = 0; i < delivery.Attributes.Count; i++)
        {
            if (string.Equals(delivery.Attributes[i].Trim(), attribute, StringComparison.OrdinalIgnoreCase))
            {
                return delivery.Columns[i];
            }
        }

        throw new InvalidOperationException($"The delivery {delivery.Key} has no attribute '{attribute}'.");
    }
}
