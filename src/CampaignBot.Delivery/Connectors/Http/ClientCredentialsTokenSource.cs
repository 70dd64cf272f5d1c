using System.Net;
using System.Text.Json;

namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>
/// OAuth 2.0 client credentials (RFC 6749 §4.4) for one destination instance: fetches a bearer token with
/// the client id and secret in the form body, keeps it, and fetches the next one shortly before it expires or
/// when the service says it no longer takes it. The secret travels only in that body; the token only in the
/// Authorization header (<see cref="BearerTokenHandler"/>).
/// </summary>
public sealed class ClientCredentialsTokenSource
{
    /// <summary>Marks the token request, so a classifier can tell a refused secret from a refused token.</summary>
    public static readonly HttpRequestOptionsKey<bool> TokenRequestKey = new("CampaignBot.TokenRequest");

    // Used when the answer leaves expires_in out: the shortest lifetime among the services we use (Criteo, 15 min).
    private static readonly TimeSpan UnstatedLifetime = TimeSpan.FromMinutes(15);
    private readonly Uri _endpoint;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Grant? _current;

    /// <param name="endpoint">The absolute token URL, such as https://api.criteo.com/oauth2/token.</param>
    public ClientCredentialsTokenSource(Uri endpoint, string clientId, string clientSecret, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        _endpoint = endpoint.IsAbsoluteUri ? endpoint : throw new ArgumentException("The token endpoint must be an absolute URL.", nameof(endpoint));
        _clientId = clientId;
        _clientSecret = clientSecret;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Tokens fetched so far; each costs a call, so tests check it stays low.</summary>
    public int Fetched { get; private set; }

    /// <summary>Whether <paramref name="response"/> answers the token request rather than an API call.</summary>
    public static bool IsTokenResponse(HttpResponseMessage response) =>
        response?.RequestMessage?.Options.TryGetValue(TokenRequestKey, out var marked) == true && marked;

    /// <summary>
    /// How long before expiry the token is replaced: a minute, or a fifth of a short lifetime, so a call that
    /// takes the token is done before the service stops taking it.
    /// </summary>
    public static TimeSpan RefreshMargin(TimeSpan lifetime) => lifetime / 5 < TimeSpan.FromMinutes(1) ? lifetime / 5 : TimeSpan.FromMinutes(1);

    /// <summary>
    /// The kept token, or a new one when it is due for renewal or is <paramref name="rejected"/> (the service
    /// answered 401 to it). Callers racing on one expired token get one new token between them.
    /// </summary>
    /// <param name="send">Sends the token request; the caller's transport, so its timeouts apply.</param>
    /// <returns>The token, or the token endpoint's own failing answer for the caller's classifier.</returns>
    public async Task<TokenGrant> GetAsync(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, string? rejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (Usable(rejected) is { } kept)
        {
            return new TokenGrant(kept.Token, Fresh: false, null);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (Usable(rejected) is { } meanwhile)
            {
                return new TokenGrant(meanwhile.Token, Fresh: false, null);
            }

            // The lifetime counts from before the request left, never from the answer.
            var asked = _clock.GetUtcNow();
            var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
            {
                Content = new FormUrlEncodedContent([
                    new("grant_type", "client_credentials"), new("client_id", _clientId), new("client_secret", _clientSecret)]),
            };
            request.Options.Set(TokenRequestKey, true);
            var response = await send(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new TokenGrant(null, Fresh: false, response);
            }

            using (response)
            {
                var (token, lifetime) = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
                if (token is null)
                {
                    return new TokenGrant(null, Fresh: false, new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request, ReasonPhrase = "Token answer without access_token" });
                }

                _current = new Grant(token, asked + lifetime - RefreshMargin(lifetime));
                Fetched++;
                request.Dispose();
                return new TokenGrant(token, Fresh: true, null);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private Grant? Usable(string? rejected) =>
        _current is { } grant && grant.Token != rejected && _clock.GetUtcNow() < grant.RenewAt ? grant : null;

    private static async Task<(string? Token, TimeSpan Lifetime)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = body.RootElement;
            var token = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("access_token", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var lifetime = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("expires_in", out var seconds) && seconds.ValueKind == JsonValueKind.Number && seconds.TryGetDouble(out var s) && s > 0
                ? TimeSpan.FromSeconds(s)
                : UnstatedLifetime;
            return (string.IsNullOrEmpty(token) ? null : token, lifetime);
        }
        catch (JsonException)
        {
            // A proxy's error page with a 200: no token, which the caller reports as a bad gateway.
            return (null, UnstatedLifetime);
        }
    }

    private sealed record Grant(string Token, DateTimeOffset RenewAt);
}

/// <summary>A bearer token, or why none could be had (the token endpoint's answer, which the caller disposes).</summary>
/// <param name="Fresh">Fetched by this call, so a 401 to it is not an expiry.</param>
public sealed record TokenGrant(string? AccessToken, bool Fresh, HttpResponseMessage? Refusal);
