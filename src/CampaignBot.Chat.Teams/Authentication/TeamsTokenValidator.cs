using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignBot.Chat.Teams.Authentication;

/// <summary>
/// Checks the Bearer token of an inbound activity (T2): a Bot Framework channel token (issuer api.botframework.com,
/// audience the App ID, signing key endorsed for the activity's channelId, serviceurl claim equal to its serviceUrl)
/// or, for single-tenant bots, an Entra ID v2 token of the configured tenant. RS256 only, 5 minutes of clock skew.
/// Every bad token is a <see cref="TeamsAuthResult.Refused"/>, never an exception.
/// </summary>
public sealed partial class TeamsTokenValidator
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const string Bearer = "Bearer ";
    private readonly TeamsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JsonWebTokenHandler _handler = new();

    public TeamsTokenValidator(IOptions<TeamsOptions> options, IHttpClientFactory httpFactory, TimeProvider time, ILogger<TeamsTokenValidator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_options, _time, _logger) = (options.Value, time, logger);
        BotFrameworkKeys = new OpenIdSigningKeys(httpFactory, new Uri(_options.OpenIdMetadataUrl), time, logger);
        EntraKeys = _options.ResolvedEntraMetadataUrl is { } entra ? new OpenIdSigningKeys(httpFactory, new Uri(entra), time, logger) : null;
    }

    internal OpenIdSigningKeys BotFrameworkKeys { get; }

    /// <summary>Null for multi-tenant bots (no Teams:TenantId): Entra tokens are then refused.</summary>
    internal OpenIdSigningKeys? EntraKeys { get; }

    /// <param name="authorization">The request's Authorization header, as received.</param>
    /// <param name="channelId">The activity's channelId, which the signing key must be endorsed for.</param>
    /// <param name="serviceUrl">The activity's serviceUrl, which the token's serviceurl claim must name.</param>
    public async Task<TeamsAuthResult> ValidateAsync(string? authorization, string channelId, string serviceUrl, CancellationToken cancellationToken = default)
    {
        if (!_options.IsConfigured)
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.NotConfigured, "Teams:AppId is not set, so no token can be valid.");
        }

        if (string.IsNullOrWhiteSpace(authorization))
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.MissingToken, "No Authorization header.");
        }

        if (!authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || authorization.Length == Bearer.Length)
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.MalformedToken, "The Authorization header is not a Bearer token.");
        }

        var token = authorization[Bearer.Length..].Trim();
        if (Read(token) is not { } jwt)
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.MalformedToken, "The token is not a JWT.");
        }

        // Refuse before any key lookup: alg none and HMAC tricks never reach signature validation.
        if (jwt.Alg != SecurityAlgorithms.RsaSha256 || jwt.EncodedSignature.Length == 0)
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.AlgorithmNotAllowed, "Only RS256-signed tokens are accepted.");
        }

        var result = await ValidateSignedAsync(token, jwt, channelId, serviceUrl, cancellationToken).ConfigureAwait(false);
        if (result is TeamsAuthResult.Refused refused)
        {
            LogRefused(_logger, refused.Reason, refused.Detail);
        }

        return result;
    }

    private async Task<TeamsAuthResult> ValidateSignedAsync(string token, JsonWebToken jwt, string channelId, string serviceUrl, CancellationToken cancellationToken)
    {
        var (kind, keys) = await SourceAsync(jwt.Issuer, cancellationToken).ConfigureAwait(false);
        if (keys is null)
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.WrongIssuer, "The token's issuer is neither the Bot Framework nor the configured tenant.");
        }

        var issuer = await keys.IssuerAsync(cancellationToken).ConfigureAwait(false);
        if (issuer is null)
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.KeysUnavailable, $"Signing keys from {keys.MetadataUrl} are unavailable.");
        }

        if (string.IsNullOrEmpty(jwt.Kid) || await keys.FindAsync(jwt.Kid, cancellationToken).ConfigureAwait(false) is not { } key)
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.UnknownKey, "The token is signed with a key the metadata does not publish.");
        }

        var validation = await _handler.ValidateTokenAsync(token, Parameters(kind == TeamsCallerKind.BotFramework ? BotFrameworkIssuer : issuer, key)).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return Refusal(validation.Exception);
        }

        // JwtBearer-style validation knows neither endorsements nor the serviceurl claim (teams-testing.md §4).
        if (kind == TeamsCallerKind.BotFramework && !key.Endorsements.Contains(channelId, StringComparer.Ordinal))
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.NotEndorsed, $"The signing key is not endorsed for channel '{channelId}'.");
        }

        jwt.TryGetPayloadValue<string>("serviceurl", out var claimedServiceUrl);
        var serviceUrlRequired = kind == TeamsCallerKind.BotFramework;
        if ((serviceUrlRequired || claimedServiceUrl is not null) && !string.Equals(claimedServiceUrl, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return TeamsAuthResult.Refuse(TeamsAuthRefusal.ServiceUrlMismatch, claimedServiceUrl is null
                ? "The token has no serviceurl claim."
                : "The token's serviceurl claim does not match the activity's serviceUrl.");
        }

        return new TeamsAuthResult.Accepted(kind);
    }

    /// <summary>The issuer claim only picks which metadata to check against; the signature and issuer are verified after.</summary>
    private async Task<(TeamsCallerKind Kind, OpenIdSigningKeys? Keys)> SourceAsync(string? issuer, CancellationToken cancellationToken)
    {
        if (issuer == BotFrameworkIssuer)
        {
            return (TeamsCallerKind.BotFramework, BotFrameworkKeys);
        }

        if (EntraKeys is not null && issuer is not null && issuer == await EntraKeys.IssuerAsync(cancellationToken).ConfigureAwait(false))
        {
            return (TeamsCallerKind.EntraId, EntraKeys);
        }

        return (TeamsCallerKind.EntraId, null);
    }

    private TokenValidationParameters Parameters(string issuer, SigningKey key) => new()
    {
        ValidIssuer = issuer,
        ValidAudience = _options.AppId,
        IssuerSigningKey = key.Key,
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        RequireAudience = true,
        ValidateLifetime = true,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidLifetime,
    };

    // The library's own lifetime check reads the system clock; this one reads the injected TimeProvider.
    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is not { } expiry)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } start && start > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = start };
        }

        if (expiry < now - ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expiry };
        }

        return true;
    }

    private JsonWebToken? Read(string token)
    {
        try
        {
            return _handler.CanReadToken(token) ? _handler.ReadJsonWebToken(token) : null;
        }
        catch (Exception error) when (error is ArgumentException or SecurityTokenMalformedException)
        {
            return null;
        }
    }

    private static TeamsAuthResult.Refused Refusal(Exception? error) => error switch
    {
        SecurityTokenExpiredException => TeamsAuthResult.Refuse(TeamsAuthRefusal.Expired, "The token has expired (beyond 5 minutes of clock skew)."),
        SecurityTokenNotYetValidException => TeamsAuthResult.Refuse(TeamsAuthRefusal.NotYetValid, "The token is not valid yet."),
        SecurityTokenNoExpirationException => TeamsAuthResult.Refuse(TeamsAuthRefusal.Invalid, "The token has no expiry."),
        SecurityTokenInvalidAudienceException => TeamsAuthResult.Refuse(TeamsAuthRefusal.WrongAudience, "The token is not for this bot's App ID."),
        SecurityTokenInvalidIssuerException => TeamsAuthResult.Refuse(TeamsAuthRefusal.WrongIssuer, "The token's issuer is not accepted."),
        SecurityTokenInvalidAlgorithmException => TeamsAuthResult.Refuse(TeamsAuthRefusal.AlgorithmNotAllowed, "Only RS256-signed tokens are accepted."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => TeamsAuthResult.Refuse(TeamsAuthRefusal.BadSignature, "The token's signature does not verify."),
        _ => TeamsAuthResult.Refuse(TeamsAuthRefusal.Invalid, $"The token is invalid ({error?.GetType().Name ?? "no reason given"})."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams token refused ({Reason}): {Detail}")]
    private static partial void LogRefused(ILogger logger, TeamsAuthRefusal reason, string detail);
}
