using CampaignBot.Core.Destinations;
using CampaignBot.Core.Text;

namespace CampaignBot.Delivery.Connectors;

/// <summary>
/// The secrets of each destination, by destination name: the keys of the configuration section its
/// CredentialsReference names ("Secrets:S3Main" → AccessKeyId, SecretAccessKey). The host reads them from
/// configuration; connectors read them here. Deliberately not a record, so nothing ever prints the values.
/// </summary>
public sealed class DestinationCredentials
{
    public const string AccessKeyId = "AccessKeyId";
    public const string SecretAccessKey = "SecretAccessKey";
    public const string Secret = "Secret";
    public const string ConnectionString = "ConnectionString";
    public const string AccountName = "AccountName";
    public const string AccountKey = "AccountKey";
    public const string Password = "Password";
    public const string PrivateKey = "PrivateKey";
    public const string PrivateKeyPassphrase = "PrivateKeyPassphrase";
    public const string ApiKey = "ApiKey";
    public const string AccessToken = "AccessToken";
    public const string ClientId = "ClientId";
    public const string ClientSecret = "ClientSecret";

    public static readonly DestinationCredentials None = new(new Dictionary<string, IReadOnlyDictionary<string, string>>());

    // Each kind takes one of these sets of keys, in order of preference.
    private static readonly Dictionary<DestinationKind, string[][]> Required = new()
    {
        [DestinationKind.AmazonS3] = [[AccessKeyId, SecretAccessKey]],
        [DestinationKind.GoogleCloudStorage] = [[AccessKeyId, Secret]],
        [DestinationKind.AzureBlobStorage] = [[ConnectionString], [AccountName, AccountKey]],
        [DestinationKind.Sftp] = [[PrivateKey], [Password]],

        // Attentive's Segments API takes a private app's key; its SFTP segment upload signs in like the SFTP kind (SftpSets).
        [DestinationKind.Attentive] = [[ApiKey]],
        [DestinationKind.Klaviyo] = [[ApiKey]],
        [DestinationKind.MetaAds] = [[AccessToken]],
        [DestinationKind.TikTokAds] = [[AccessToken]],
        [DestinationKind.Criteo] = [[ClientId, ClientSecret]],
        [DestinationKind.Listrak] = [[ClientId, ClientSecret]],
    };

    private static readonly string[][] SftpSets = [[PrivateKey], [Password]];

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _byDestination;

    public DestinationCredentials(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byDestination)
    {
        ArgumentNullException.ThrowIfNull(byDestination);
        _byDestination = byDestination.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Whether the kind reads its credentials from a section of keys (the kinds with a connector).</summary>
    public static bool IsSectionFor(DestinationKind kind) => Required.ContainsKey(kind);

    /// <summary>
    /// What is missing from <paramref name="values"/> for <paramref name="kind"/>, as one sentence naming the keys
    /// (never their values), or null when one of the kind's key sets is complete.
    /// </summary>
    /// <param name="transport">How the destination is reached; Attentive over SFTP takes the SFTP keys, over its API (the default) an ApiKey.</param>
    public static string? Missing(DestinationKind kind, string reference, IReadOnlyDictionary<string, string> values, DestinationTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!Required.TryGetValue(kind, out var sets))
        {
            return null;
        }

        sets = kind == DestinationKind.Attentive && transport == DestinationTransport.Sftp ? SftpSets : sets;
        if (sets.Any(set => set.All(key => Has(values, key))))
        {
            return null;
        }

        var wanted = string.Join(", or ", sets.Select(set => string.Join(" and ", set)));
        var absent = sets.SelectMany(set => set).Where(key => !Has(values, key)).Distinct().ToList();
        var present = values.Keys.Where(k => Has(values, k)).ToList();
        return present.Count == 0
            ? $"The section '{reference}' is empty or missing; it needs {wanted} (environment: {EnvironmentName(reference)}__{sets[0][0]} and so on)."
            : $"The section '{reference}' needs {wanted}; {string.Join(", ", absent)} {(absent.Count == 1 ? "is" : "are")} not set.";
    }

    /// <summary>The destination's credential keys and values; empty when none were configured.</summary>
    public IReadOnlyDictionary<string, string> For(DestinationInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return _byDestination.TryGetValue(instance.Name, out var values) ? values : new Dictionary<string, string>();
    }

    /// <summary>A configuration path as an environment variable name: "Secrets:S3Main" → "Secrets__S3Main".</summary>
    public static string EnvironmentName(string reference) => (reference ?? "").Replace(":", "__", StringComparison.Ordinal);

    public override string ToString() => $"Credentials for {Counted.Of(_byDestination.Count, "destination")}";

    private static bool Has(IReadOnlyDictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value);
}
