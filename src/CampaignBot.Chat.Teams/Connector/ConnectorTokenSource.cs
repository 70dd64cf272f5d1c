using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Teams.Connector;

/// <summary>
/// The bot's client-credentials token for the Bot Connector (T3): from Teams:TokenEndpoint with Teams:AppId and
/// Teams:AppPassword, scope https://api.botframework.com/.default, cached until <see cref="RefreshMargin"/> before expiry.
/// </summary>
public sealed partial class ConnectorTokenSource(IHttpClientFactory httpFactory, IOptions<TeamsOptions> options, TimeProvider time, ILogger<ConnectorTokenSource> logger)
{
    public const string HttpClientName = "Teams.Token";
    public const string Scope = "https://api.botframework.com/.default";
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private CachedToken? _cached;

    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt);

    /// <summary>A token valid for at least a few more minutes, fetched only when the cached one is due.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } cached && time.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Token;
        }

        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } fresh && time.GetUtcNow() < fresh.RefreshAt)
            {
                return fresh.Token;
            }

            var (token, lifetime) = await FetchAsync(cancellationToken).ConfigureAwait(false);
            // A short-lived token is renewed halfway through instead of never being cached.
            var margin = lifetime > 2 * RefreshMargin ? RefreshMargin : lifetime / 2;
            _cached = new CachedToken(token, time.GetUtcNow() + lifetime - margin);
            return token;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>Forgets the cached token, after the connector refused it (revoked or rotated secret).</summary>
    public void Invalidate() => _cached = null;

    private async Task<(string Token, TimeSpan Lifetime)> FetchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured || string.IsNullOrWhiteSpace(settings.AppPassword))
        {
            throw new BotConnectorException("token", "not_configured", "Teams:AppId and Teams:AppPassword are needed to call the Bot Connector.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.AppId!,
            ["client_secret"] = settings.AppPassword,
            ["scope"] = Scope,
        });
        var endpoint = settings.ResolvedTokenEndpoint;
        using var response = await httpFactory.CreateClient(HttpClientName).PostAsync(endpoint, form, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var json = TryParse(body);
        if (!response.IsSuccessStatusCode || Str(json, "access_token") is not { Length: > 0 } token)
        {
            // The error code (invalid_client, unauthorized_client…) says what is wrong; the description names no secret.
            var code = Str(json, "error") ?? $"http_{(int)response.StatusCode}";
            LogTokenFailed(logger, endpoint, code);
            throw new BotConnectorException("token", code, Str(json, "error_description") ?? "no token in the response", response.StatusCode);
        }

        var seconds = json.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) && s > 0 ? s : 3600;
        LogTokenFetched(logger, endpoint, seconds);
        return (token, TimeSpan.FromSeconds(seconds));
    }

    private static JsonElement TryParse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? Str(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Got a Bot Connector token from {Endpoint}, valid {Seconds} s")]
    private static partial void LogTokenFetched(ILogger logger, string endpoint, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token endpoint {Endpoint} refused the bot's credentials: {Error}")]
    private static partial void LogTokenFailed(ILogger logger, string endpoint, string error);
}
