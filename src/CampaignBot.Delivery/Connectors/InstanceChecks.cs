using CampaignBot.Core.Destinations;

namespace CampaignBot.Delivery.Connectors;

/// <summary>
/// What every connector checks of its instance when it is built. Messages name the instance and the settings
/// the secret is read from, never the secret.
/// </summary>
internal static class InstanceChecks
{
    public static void RequireKind(DestinationInstance instance, DestinationKind kind)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Kind != kind)
        {
            throw new ArgumentException($"Destination '{instance.Name}' is {instance.Descriptor.DisplayName}, not {DestinationCatalog.For(kind).DisplayName}.", nameof(instance));
        }
    }

    public static string Credential(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, string key)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidOperationException($"Destination '{instance.Name}' has no {key} under {instance.CredentialsReference}.");
    }

    /// <param name="meaning">What the account id is at this service, for the message ("the TikTok advertiser id").</param>
    public static string AccountId(DestinationInstance instance, string meaning) =>
        instance.AccountId ?? throw new InvalidOperationException($"Destination '{instance.Name}' has no AccountId ({meaning}).");
}
