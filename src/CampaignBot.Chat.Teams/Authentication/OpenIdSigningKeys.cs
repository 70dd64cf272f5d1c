using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace CampaignBot.Chat.Teams.Authentication;

/// <summary>A signing key from a JWKS, with the channels it is endorsed for (Bot Framework keys only; T2 step 5).</summary>
internal sealed record SigningKey(JsonWebKey Key, IReadOnlyList<string> Endorsements);

/// <summary>
/// The issuer and signing keys published at one OpenID metadata URL, fetched directly (not through ConfigurationManager)
/// so the refresh rules run on the injected clock and the JWKS's non-standard <c>endorsements</c> are kept.
/// Keys are refreshed every 24 h (T2 step 6) and on an unknown kid, but at most every <see cref="MinRefreshInterval"/>
/// so a stream of forged kids cannot make us hammer the metadata endpoint.
/// </summary>
internal sealed partial class OpenIdSigningKeys(IHttpClientFactory httpFactory, Uri metadataUrl, TimeProvider time, ILogger logger)
{
    public const string HttpClientName = "Teams.OpenId";
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(24);
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>After a failed first fetch there are no keys at all; try again sooner than the unknown-kid interval.</summary>
    public static readonly TimeSpan RetryWithoutKeys = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Snapshot? _snapshot;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    private sealed record Snapshot(string Issuer, IReadOnlyDictionary<string, SigningKey> Keys, DateTimeOffset FetchedAt);

    public Uri MetadataUrl => metadataUrl;

    /// <summary>The issuer the metadata names, or null while it cannot be fetched.</summary>
    public async Task<string?> IssuerAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(kid: null, cancellationToken).ConfigureAwait(false))?.Issuer;

    /// <summary>The key with this kid, refreshing once (within the limits) when it is unknown; null when there is none.</summary>
    public async Task<SigningKey?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(kid, cancellationToken).ConfigureAwait(false);
        return snapshot?.Keys.GetValueOrDefault(kid);
    }

    private async Task<Snapshot?> CurrentAsync(string? kid, CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && (kid is null || current.Keys.ContainsKey(kid)) && time.GetUtcNow() - current.FetchedAt < RefreshEvery)
        {
            return current;
        }

        // Everything else waits its turn, so a caller arriving during a fetch sees that fetch's keys.
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (RefreshDue(_snapshot, kid))
            {
                _lastAttempt = time.GetUtcNow();
                _snapshot = await FetchAsync(cancellationToken).ConfigureAwait(false) ?? _snapshot;
            }

            return _snapshot;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private bool RefreshDue(Snapshot? snapshot, string? kid)
    {
        var now = time.GetUtcNow();
        if (snapshot is null)
        {
            return now - _lastAttempt >= RetryWithoutKeys;
        }

        var stale = now - snapshot.FetchedAt >= RefreshEvery;
        var unknownKid = kid is not null && !snapshot.Keys.ContainsKey(kid);
        return (stale || unknownKid) && now - _lastAttempt >= MinRefreshInterval;
    }

    private async Task<Snapshot?> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var http = httpFactory.CreateClient(HttpClientName);
            using var metadata = await GetJsonAsync(http, metadataUrl, cancellationToken).ConfigureAwait(false);
            var issuer = Str(metadata.RootElement, "issuer");
            var jwksText = Str(metadata.RootElement, "jwks_uri");
            if (string.IsNullOrEmpty(issuer) || !Uri.TryCreate(jwksText, UriKind.Absolute, out var jwksUri))
            {
                LogBadMetadata(logger, metadataUrl, "issuer or jwks_uri missing");
                return null;
            }

            // Plain http is followed only from an http (loopback test) metadata URL; a real one must stay on https.
            if (!Loopback.IsAllowedEndpoint(jwksUri) || (jwksUri.Scheme == Uri.UriSchemeHttp && metadataUrl.Scheme != Uri.UriSchemeHttp))
            {
                LogBadMetadata(logger, metadataUrl, "jwks_uri is not https");
                return null;
            }

            using var jwks = await GetJsonAsync(http, jwksUri, cancellationToken).ConfigureAwait(false);
            var keys = ReadKeys(jwks.RootElement);
            LogFetched(logger, keys.Count, metadataUrl);
            return new Snapshot(issuer, keys, time.GetUtcNow());
        }
        catch (Exception error) when (error is HttpRequestException or JsonException or TaskCanceledException or ArgumentException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            LogFetchFailed(logger, error, metadataUrl);
            return null;
        }
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, SigningKey> ReadKeys(JsonElement jwks)
    {
        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        if (!jwks.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return keys;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || Str(item, "kid") is not { Length: > 0 } kid || Str(item, "kty") != "RSA")
            {
                continue;
            }

            var endorsements = item.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
                : [];
            keys[kid] = new SigningKey(new JsonWebKey(item.GetRawText()), endorsements);
        }

        return keys;
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched {Count} signing keys from {MetadataUrl}")]
    private static partial void LogFetched(ILogger logger, int count, Uri metadataUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch signing keys from {MetadataUrl}; keeping the keys we had")]
    private static partial void LogFetchFailed(ILogger logger, Exception error, Uri metadataUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OpenID metadata at {MetadataUrl} is unusable: {Problem}")]
    private static partial void LogBadMetadata(ILogger logger, Uri metadataUrl, string problem);
}
