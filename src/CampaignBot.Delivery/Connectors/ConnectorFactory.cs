using CampaignBot.Core.Destinations;

namespace CampaignBot.Delivery.Connectors;

public interface IConnectorFactory
{
    bool Supports(DestinationKind kind);

    IDestinationConnector Create(DestinationInstance instance);
}

/// <summary>One registration line per destination kind that has a connector.</summary>
public sealed class ConnectorFactory : IConnectorFactory
{
    private readonly Dictionary<DestinationKind, Func<DestinationInstance, IDestinationConnector>> _connectors;

    /// <param name="contentRoot">The folder relative file locations are resolved against.</param>
    public ConnectorFactory(string contentRoot)
    {
        _connectors = new()
        {
            [DestinationKind.LocalFolder] = instance => new LocalFolderConnector(instance, contentRoot),
        };
    }

    public bool Supports(DestinationKind kind) => _connectors.ContainsKey(kind);

    public IDestinationConnector Create(DestinationInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!_connectors.TryGetValue(instance.Kind, out var create))
        {
            var supported = string.Join(", ", _connectors.Keys.Select(k => DestinationCatalog.For(k).DisplayName));
            throw new InvalidOperationException(
                $"Destination '{instance.Name}' is a {instance.Descriptor.DisplayName} destination, which cannot be delivered to yet; supported: {supported}.");
        }

        return create(instance);
    }
}
