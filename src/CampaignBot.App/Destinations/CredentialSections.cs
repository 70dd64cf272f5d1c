using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Sftp;

namespace CampaignBot.App.Destinations;

/// <summary>
/// Resolves each file destination's CredentialsReference to the keys of the configuration section it names
/// ("Secrets:S3Main" → Secrets:S3Main:AccessKeyId…, or the environment's Secrets__S3Main__AccessKeyId), so
/// secrets live in the environment or a secret store, never in the settings that name them.
/// </summary>
public static class CredentialSections
{
    public static DestinationCredentials Read(IReadOnlyList<DestinationInstance> instances, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(instances);
        return new DestinationCredentials(instances
            .Where(i => DestinationCredentials.IsSectionFor(i.Kind) && !string.IsNullOrWhiteSpace(i.CredentialsReference))
            .ToDictionary(i => i.Name, i => (IReadOnlyDictionary<string, string>)Values(configuration, i.CredentialsReference!), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>One message per destination whose credentials are missing or unusable; names keys, never values.</summary>
    public static IEnumerable<string> Check(IReadOnlyList<DestinationInstance> instances, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(instances);
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            if (!DestinationCredentials.IsSectionFor(instance.Kind) || string.IsNullOrWhiteSpace(instance.CredentialsReference))
            {
                continue;
            }

            var path = $"Destinations:{i}:CredentialsReference";
            var reference = instance.CredentialsReference;
            var values = Values(configuration, reference);
            if (DestinationCredentials.Missing(instance.Kind, reference, values, instance.Transport) is { } missing)
            {
                yield return $"{path}: Destination '{instance.Name}' ({instance.Descriptor.DisplayName}): {missing}";
                continue;
            }

            if (instance.Kind == DestinationKind.AzureBlobStorage && instance.Endpoint is not null && values.ContainsKey(DestinationCredentials.ConnectionString))
            {
                yield return $"{path}: Destination '{instance.Name}' (Azure Blob Storage) has both an Endpoint and a ConnectionString in '{reference}'; "
                    + "put the endpoint in the connection string (BlobEndpoint=…), or use AccountName and AccountKey with Endpoint.";
            }

            if (instance.UsesSftp && values.TryGetValue(DestinationCredentials.PrivateKey, out var key)
                && SftpTransport.PrivateKeyProblem(key, values.GetValueOrDefault(DestinationCredentials.PrivateKeyPassphrase)) is { } problem)
            {
                yield return $"{path}: Destination '{instance.Name}' ({instance.Descriptor.DisplayName}): in '{reference}', {problem}";
            }
        }
    }

    private static Dictionary<string, string> Values(IConfiguration configuration, string reference) =>
        configuration.GetSection(reference).GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key, c => c.Value!, StringComparer.OrdinalIgnoreCase);
}
