using System.Net;
using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.Tests.Fakes;

namespace CampaignBot.Api.Tests.Teams;

/// <summary>One service for the whole class: each case installs the bot in a conversation of its own, at a serviceUrl of its own.</summary>
public sealed class TeamsAuthenticationHost : IAsyncLifetime
{
    internal TeamsHost Teams { get; private set; } = null!;

    public async Task InitializeAsync() => Teams = await TeamsHost.StartAsync();

    public async Task DisposeAsync() => await Teams.DisposeAsync();
}

/// <summary>
/// Every case of teams-testing.md §4 through POST /api/messages: 200 where Microsoft's validator accepts the token,
/// 401 where it refuses, and after a 401 nothing changed: no conversation stored, its serviceUrl not trusted, no hello.
/// </summary>
public sealed class TeamsAuthenticationTests(TeamsAuthenticationHost fixture) : IClassFixture<TeamsAuthenticationHost>
{
    private TeamsHost Teams => fixture.Teams;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public static TheoryData<string, HttpStatusCode> Cases => new()
    {
        { "valid", HttpStatusCode.OK },
        { "expired", HttpStatusCode.Unauthorized },
        { "expired-within-skew", HttpStatusCode.OK },
        { "not-yet-valid", HttpStatusCode.Unauthorized },
        { "wrong-audience", HttpStatusCode.Unauthorized },
        { "missing-audience", HttpStatusCode.Unauthorized },
        { "wrong-issuer", HttpStatusCode.Unauthorized },
        { "unknown-kid", HttpStatusCode.Unauthorized },
        { "bad-signature", HttpStatusCode.Unauthorized },
        { "alg-none", HttpStatusCode.Unauthorized },
        { "hmac", HttpStatusCode.Unauthorized },
        { "not-endorsed", HttpStatusCode.Unauthorized },
        { "serviceurl-missing", HttpStatusCode.Unauthorized },
        { "serviceurl-mismatch", HttpStatusCode.Unauthorized },
        { "entra-valid", HttpStatusCode.OK },
        { "entra-wrong-tenant", HttpStatusCode.Unauthorized },
        { "no-authorization", HttpStatusCode.Unauthorized },
        { "basic-scheme", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_token_case_is_accepted_or_refused_and_a_refusal_changes_nothing(string name, HttpStatusCode expected)
    {
        var conversation = $"19:auth-{name}@thread.tacv2";
        var serviceUrl = Teams.Connector.ServiceUrl($"auth-{name}/");
        var installed = Teams.BotAdded(TeamsHost.Maya, conversation, serviceUrl);

        using var response = await Teams.PostAsync(installed, Authorization(name, serviceUrl));

        Assert.Equal(expected, response.StatusCode);
        var trusted = Teams.Host.Get<TrustedServiceUrls>().IsTrusted(serviceUrl);
        if (expected == HttpStatusCode.OK)
        {
            Assert.NotNull(Teams.References.Find(conversation));
            Assert.True(trusted);
            await Teams.WaitForAsync(conversation);
        }
        else
        {
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            await Teams.IdleAsync();
            Assert.Null(Teams.References.Find(conversation));
            Assert.False(trusted);
            Assert.Empty(Teams.CallsIn(conversation));
        }
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_401_before_it_is_read_as_an_activity()
    {
        using var response = await Teams.PostAsync(Teams.BotAdded(TeamsHost.Maya, "19:garbage@thread.tacv2"), body: "{not json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_authenticated_activity_missing_what_the_bot_needs_is_refused_400_naming_it()
    {
        var activity = Teams.BotAdded(TeamsHost.Maya, "19:no-from@thread.tacv2");
        activity.Remove("from");

        using var response = await Teams.PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$.from: is required", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(Teams.References.Find("19:no-from@thread.tacv2"));
    }

    private string? Authorization(string name, string serviceUrl)
    {
        var identity = Teams.Identity;
        var valid = new FakeTokenSpec { ServiceUrl = serviceUrl };
        var entra = valid with { Issuer = TeamsIdentityFixture.EntraIssuer(TeamsHost.Tenant), SigningKey = identity.EntraKey, ServiceUrl = null };
        string Bearer(string token) => $"Bearer {token}";
        return name switch
        {
            "valid" => Bearer(identity.Mint(valid)),
            "expired" => Bearer(identity.Mint(valid with { NotBefore = -70 * Minute, Expires = -10 * Minute })),
            "expired-within-skew" => Bearer(identity.Mint(valid with { NotBefore = -62 * Minute, Expires = -2 * Minute })),
            "not-yet-valid" => Bearer(identity.Mint(valid with { NotBefore = 10 * Minute, Expires = 70 * Minute })),
            "wrong-audience" => Bearer(identity.Mint(valid with { Audience = "00000000-0000-0000-0000-000000000bad" })),
            "missing-audience" => Bearer(identity.Mint(valid with { Audience = null })),
            "wrong-issuer" => Bearer(identity.Mint(valid with { Issuer = "https://api.botframework.example" })),
            "unknown-kid" => Bearer(identity.Mint(valid with { SigningKey = identity.StrangerKey })),
            "bad-signature" => Bearer(identity.Mint(valid with { SigningKey = identity.StrangerKey, Kid = identity.BotFrameworkKey.Kid })),
            "alg-none" => Bearer(identity.MintUnsigned(valid)),
            "hmac" => Bearer(identity.MintHmac(valid)),
            "not-endorsed" => Bearer(identity.Mint(valid with { SigningKey = identity.WebchatOnlyKey })),
            "serviceurl-missing" => Bearer(identity.Mint(valid with { ServiceUrl = null })),
            "serviceurl-mismatch" => Bearer(identity.Mint(valid with { ServiceUrl = Teams.Connector.ServiceUrl("somewhere-else/") })),
            "entra-valid" => Bearer(identity.Mint(entra)),
            "entra-wrong-tenant" => Bearer(identity.Mint(entra with { Issuer = TeamsIdentityFixture.EntraIssuer(TeamsIdentityFixture.OtherTenantId) })),
            "no-authorization" => null,
            "basic-scheme" => "Basic " + Convert.ToBase64String("campaignbot:secret"u8.ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }
}
