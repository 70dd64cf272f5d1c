using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CampaignBot.Chat.Teams.Tests.Fakes;

/// <summary>
/// A loopback stand-in for Microsoft's identity endpoints (teams-testing.md §4): Bot Framework OpenID metadata and a
/// JWKS whose keys carry endorsements, Entra ID v2 metadata and keys per tenant, and the client-credentials token
/// endpoint. It mints test tokens with its own RSA keys on the test's clock and counts every request.
/// </summary>
public sealed partial class TeamsIdentityFixture : IAsyncDisposable
{
    public const string AppId = "6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    public const string AppPassword = "fixture-client-secret";
    public const string TenantId = "8a3f0c52-1111-4c4c-9d9d-2b2b2b2b2b2b";
    public const string OtherTenantId = "0d0e0f10-2222-4d4d-8e8e-3c3c3c3c3c3c";
    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<FakeTokenRequest> _tokenRequests = new();
    private readonly TimeProvider _time;
    private WebApplication? _app;
    private int _issued;
    private volatile bool _lateKeyPublished;

    private TeamsIdentityFixture(TimeProvider time) => _time = time;

    /// <summary>Endorsed for msteams: signs valid channel tokens.</summary>
    public FakeSigningKey BotFrameworkKey { get; } = new("bf-key-1", "msteams", "emulator");

    /// <summary>Published, but endorsed only for webchat.</summary>
    public FakeSigningKey WebchatOnlyKey { get; } = new("bf-key-webchat", "webchat");

    /// <summary>Not in the JWKS until <see cref="PublishLateKey"/>: Microsoft rotating keys.</summary>
    public FakeSigningKey LateKey { get; } = new("bf-key-late", "msteams");

    /// <summary>Never published anywhere.</summary>
    public FakeSigningKey StrangerKey { get; } = new("stranger-key", "msteams");

    /// <summary>Entra signs every tenant's tokens with the same keys; only the issuer tells tenants apart.</summary>
    public FakeSigningKey EntraKey { get; } = new("entra-key-1");

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string BotFrameworkMetadataUrl => new Uri(BaseAddress, "v1/.well-known/openidconfiguration").AbsoluteUri;

    /// <summary>With the {TenantId} placeholder, as Teams:EntraMetadataUrl takes it.</summary>
    public string EntraMetadataUrlTemplate => BaseAddress.AbsoluteUri + "{TenantId}/v2.0/.well-known/openid-configuration";

    public string TokenEndpointTemplate => BaseAddress.AbsoluteUri + "{tenant}/oauth2/v2.0/token";

    /// <summary>How long issued connector tokens live (expires_in).</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    public IReadOnlyList<string> Requests => [.. _requests];

    public IReadOnlyList<FakeTokenRequest> TokenRequests => [.. _tokenRequests];

    public int CountRequests(string pathPart) => _requests.Count(r => r.Contains(pathPart, StringComparison.Ordinal));

    public static string EntraIssuer(string tenant) => $"https://login.microsoftonline.com/{tenant}/v2.0";

    public void PublishLateKey() => _lateKeyPublished = true;

    public static async Task<TeamsIdentityFixture> StartAsync(TimeProvider time)
    {
        var fixture = new TeamsIdentityFixture(time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = fixture._app = builder.Build();
        app.Use((context, next) =>
        {
            fixture._requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            return next(context);
        });
        app.MapGet("/v1/.well-known/openidconfiguration", () => Json(new JsonObject
        {
            ["issuer"] = CampaignBot.Chat.Teams.Authentication.TeamsTokenValidator.BotFrameworkIssuer,
            ["authorization_endpoint"] = "https://invalid.botframework.com",
            ["jwks_uri"] = new Uri(fixture.BaseAddress, "v1/.well-known/keys").AbsoluteUri,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }));
        app.MapGet("/v1/.well-known/keys", () => Json(fixture.Jwks(fixture.BotFrameworkKey, fixture.WebchatOnlyKey, fixture._lateKeyPublished ? fixture.LateKey : null)));
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Json(new JsonObject
        {
            ["issuer"] = EntraIssuer(tenant),
            ["jwks_uri"] = new Uri(fixture.BaseAddress, $"{tenant}/discovery/v2.0/keys").AbsoluteUri,
            ["token_endpoint"] = new Uri(fixture.BaseAddress, $"{tenant}/oauth2/v2.0/token").AbsoluteUri,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }));
        app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) => Json(fixture.Jwks(fixture.EntraKey)));
        app.MapPost("/{tenant}/oauth2/v2.0/token", fixture.IssueTokenAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fixture.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return fixture;
    }

    /// <summary>A signed JWT as the spec says, timed by the fixture's clock.</summary>
    public string Mint(FakeTokenSpec spec)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var signer = spec.SigningKey ?? BotFrameworkKey;
        var key = spec.Kid is { } kid && kid != signer.Kid ? signer.WithKid(kid) : signer.SecurityKey;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (spec.ServiceUrl is { } serviceUrl)
        {
            claims["serviceurl"] = serviceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            NotBefore = now + spec.NotBefore,
            IssuedAt = now + spec.NotBefore,
            Expires = now + spec.Expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The same claims under <c>alg: none</c> with an empty signature.</summary>
    public string MintUnsigned(FakeTokenSpec spec)
    {
        var signed = Mint(spec);
        var payload = signed.Split('.')[1];
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        return $"{header}.{payload}.";
    }

    /// <summary>The same claims signed HS256 with a secret anyone could pick.</summary>
    public string MintHmac(FakeTokenSpec spec)
    {
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("an attacker's secret of enough length!!")) { KeyId = BotFrameworkKey.Kid };
        var now = _time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer,
            Audience = spec.Audience,
            NotBefore = now + spec.NotBefore,
            Expires = now + spec.Expires,
            Claims = spec.ServiceUrl is null ? null : new Dictionary<string, object> { ["serviceurl"] = spec.ServiceUrl },
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
        });
    }

    private JsonObject Jwks(params FakeSigningKey?[] keys) =>
        new() { ["keys"] = new JsonArray([.. keys.OfType<FakeSigningKey>().Select(k => (JsonNode?)k.Jwk())]) };

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        foreach (var key in new[] { BotFrameworkKey, WebchatOnlyKey, LateKey, StrangerKey, EntraKey })
        {
            key.Dispose();
        }
    }
}
