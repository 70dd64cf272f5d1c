using System.Collections.Concurrent;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.AmazonS3;
using CampaignBot.Delivery.Connectors.Attentive;
using CampaignBot.Delivery.Connectors.AzureBlob;
using CampaignBot.Delivery.Connectors.Criteo;
using CampaignBot.Delivery.Connectors.GoogleCloudStorage;
using CampaignBot.Delivery.Connectors.Klaviyo;
using CampaignBot.Delivery.Connectors.Listrak;
using CampaignBot.Delivery.Connectors.MetaAds;
using CampaignBot.Delivery.Connectors.Sftp;
using CampaignBot.Delivery.Connectors.TikTokAds;

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

    // API connectors hold their instance's rate limits and circuit: one per instance, shared by every run.
    private readonly ConcurrentDictionary<string, Lazy<IDestinationConnector>> _apiConnectors = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="contentRoot">The folder relative file locations are resolved against.</param>
    /// <param name="credentials">Each destination's secrets, resolved by the host from its CredentialsReference.</param>
    /// <param name="clock">Reads Retry-After dates and paces API calls; the system clock when null.</param>
    /// <param name="httpHandler">Makes the transport of each API connector; a SocketsHttpHandler when null.</param>
    public ConnectorFactory(string contentRoot, DestinationCredentials? credentials = null, TimeProvider? clock = null, Func<HttpMessageHandler>? httpHandler = null)
    {
        var secrets = credentials ?? DestinationCredentials.None;
        var time = clock ?? TimeProvider.System;
        _connectors = new()
        {
            [DestinationKind.LocalFolder] = instance => new LocalFolderConnector(instance, contentRoot),
            [DestinationKind.AmazonS3] = instance => new AmazonS3Connector(instance, secrets.For(instance), time),
            [DestinationKind.GoogleCloudStorage] = instance => new GoogleCloudStorageConnector(instance, secrets.For(instance), time),
            [DestinationKind.AzureBlobStorage] = instance => new AzureBlobConnector(instance, secrets.For(instance), time),
            [DestinationKind.Sftp] = instance => new SftpConnector(instance, secrets.For(instance)),
            [DestinationKind.Attentive] = instance => instance.Transport == DestinationTransport.Sftp
                ? new AttentiveConnector(instance, secrets.For(instance))
                : Shared(instance, () => new AttentiveApiConnector(instance, secrets.For(instance), time, httpHandler?.Invoke())),
            [DestinationKind.Klaviyo] = instance => Shared(instance, () => new KlaviyoConnector(instance, secrets.For(instance), time, httpHandler?.Invoke())),
            [DestinationKind.MetaAds] = instance => Shared(instance, () => new MetaAdsConnector(instance, secrets.For(instance), time, httpHandler?.Invoke())),
            [DestinationKind.TikTokAds] = instance => Shared(instance, () => new TikTokAdsConnector(instance, secrets.For(instance), time, httpHandler?.Invoke())),
            [DestinationKind.Criteo] = instance => Shared(instance, () => new CriteoConnector(instance, secrets.For(instance), time, httpHandler?.Invoke())),
            [DestinationKind.Listrak] = instance => Shared(instance, () => new ListrakConnector(instance, secrets.For(instance), time, httpHandler?.Invoke())),
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

    private IDestinationConnector Shared(DestinationInstance instance, Func<IDestinationConnector> create) =>
        _apiConnectors.GetOrAdd(instance.Name, _ => new Lazy<IDestinationConnector>(create)).Value;
}
