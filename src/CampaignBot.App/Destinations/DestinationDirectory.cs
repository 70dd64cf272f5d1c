using CampaignBot.App.Application;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.People;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.App.Destinations;

/// <summary>The configured destinations as campaign authors choose from them, in every channel.</summary>
public sealed class DestinationDirectory(IReadOnlyList<DestinationInstance> instances, IConnectorFactory connectors)
{
    public ServiceResult<IReadOnlyList<DestinationView>> List(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Refusal<IReadOnlyList<DestinationView>>(Operation.ReadDestinations)
            ?? instances.OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).Select(i => DestinationView.Of(i, connectors.Supports(i.Kind))).ToList();
    }
}
