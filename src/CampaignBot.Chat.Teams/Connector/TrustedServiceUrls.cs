using System.Collections.Concurrent;

namespace CampaignBot.Chat.Teams.Connector;

/// <summary>
/// The serviceUrls the bot may call, learned only from authenticated activities (T2 step 4 ties the token to the
/// serviceUrl). Calling any other URL would hand our Bot Connector token to whoever named it.
/// Lives in memory: conversation references loaded from storage were authenticated when stored, so their
/// serviceUrls are re-trusted with <see cref="Trust"/> at start-up.
/// </summary>
public sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Trusts the base URL of an activity that passed authentication. Returns false (and trusts nothing) for a URL that
    /// cannot be a Bot Connector: not absolute, with a query or fragment, or plain http off loopback.
    /// </summary>
    public bool Trust(string serviceUrl)
    {
        if (Canonical(serviceUrl) is not { } canonical)
        {
            return false;
        }

        _urls.TryAdd(canonical, 0);
        return true;
    }

    public bool IsTrusted(string serviceUrl) => Canonical(serviceUrl) is { } canonical && _urls.ContainsKey(canonical);

    /// <summary>The base with exactly one trailing '/', so "https://x/teams" and "https://x/teams/" are one URL and routes join under it.</summary>
    public static Uri? BaseUri(string serviceUrl) => Canonical(serviceUrl) is { } canonical ? new Uri(canonical) : null;

    private static string? Canonical(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || !Loopback.IsAllowedEndpoint(uri)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/') + "/";
        return $"{uri.Scheme}://{uri.Authority}{path}";
    }
}
