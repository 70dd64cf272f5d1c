using CampaignBot.Chat.Teams.Authentication;
using CampaignBot.Chat.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Chat.Teams.Tests.Authentication;

/// <summary>Every case of teams-testing.md §4, against the loopback identity fixture.</summary>
public sealed class TeamsTokenValidatorTests : TokenValidationTestBase
{
    [Fact]
    public async Task Valid_channel_token_is_accepted()
    {
        var result = await ValidateTokenAsync(Channel);

        Assert.Equal(new TeamsAuthResult.Accepted(TeamsCallerKind.BotFramework), result);
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var result = await ValidateTokenAsync(Channel with { NotBefore = TimeSpan.FromHours(-2), Expires = TimeSpan.FromMinutes(-6) });

        AssertRefused(TeamsAuthRefusal.Expired, result);
    }

    [Fact]
    public async Task Token_expired_within_the_five_minute_clock_skew_is_accepted()
    {
        var result = await ValidateTokenAsync(Channel with { NotBefore = TimeSpan.FromHours(-2), Expires = TimeSpan.FromMinutes(-4) });

        Assert.True(result.IsAccepted, result.ToString());
    }

    [Fact]
    public async Task Token_not_yet_valid_is_refused_beyond_the_skew_and_accepted_within_it()
    {
        AssertRefused(TeamsAuthRefusal.NotYetValid, await ValidateTokenAsync(Channel with { NotBefore = TimeSpan.FromMinutes(6), Expires = TimeSpan.FromHours(1) }));
        Assert.True((await ValidateTokenAsync(Channel with { NotBefore = TimeSpan.FromMinutes(4), Expires = TimeSpan.FromHours(1) })).IsAccepted);
    }

    [Fact]
    public async Task Token_for_another_app_is_refused()
    {
        var result = await ValidateTokenAsync(Channel with { Audience = "11111111-2222-3333-4444-555555555555" });

        AssertRefused(TeamsAuthRefusal.WrongAudience, result);
    }

    [Fact]
    public async Task Token_without_an_audience_is_refused()
    {
        var result = await ValidateTokenAsync(Channel with { Audience = null });

        AssertRefused(TeamsAuthRefusal.WrongAudience, result);
    }

    [Fact]
    public async Task Token_from_another_issuer_signed_with_a_bot_framework_key_is_refused()
    {
        var result = await ValidateTokenAsync(Channel with { Issuer = "https://api.botframework.com.attacker.example" });

        AssertRefused(TeamsAuthRefusal.WrongIssuer, result);
    }

    [Fact]
    public async Task Token_signed_with_an_unpublished_key_is_refused_after_one_refresh()
    {
        var result = await ValidateTokenAsync(Channel with { SigningKey = Identity.StrangerKey });

        AssertRefused(TeamsAuthRefusal.UnknownKey, result);
        // The first sight of the unknown kid fetched the keys; it was already due (nothing cached), so exactly one fetch.
        Assert.Equal(1, Identity.CountRequests("/v1/.well-known/keys"));
    }

    [Fact]
    public async Task Token_whose_signature_does_not_match_its_kid_is_refused()
    {
        var result = await ValidateTokenAsync(Channel with { SigningKey = Identity.StrangerKey, Kid = Identity.BotFrameworkKey.Kid });

        AssertRefused(TeamsAuthRefusal.BadSignature, result);
    }

    [Fact]
    public async Task Tampered_payload_is_refused()
    {
        var parts = Identity.Mint(Channel).Split('.');
        var forged = Identity.Mint(Channel with { Audience = TeamsIdentityFixture.AppId, ServiceUrl = "https://attacker.example/" }).Split('.')[1];

        var result = await ValidateAsync($"Bearer {parts[0]}.{forged}.{parts[2]}", serviceUrl: "https://attacker.example/");

        AssertRefused(TeamsAuthRefusal.BadSignature, result);
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_refused()
    {
        var result = await ValidateAsync("Bearer " + Identity.MintUnsigned(Channel));

        AssertRefused(TeamsAuthRefusal.AlgorithmNotAllowed, result);
    }

    [Fact]
    public async Task Hmac_signed_token_is_refused()
    {
        var result = await ValidateAsync("Bearer " + Identity.MintHmac(Channel));

        AssertRefused(TeamsAuthRefusal.AlgorithmNotAllowed, result);
    }

    [Fact]
    public async Task Key_not_endorsed_for_the_activity_channel_is_refused()
    {
        AssertRefused(TeamsAuthRefusal.NotEndorsed, await ValidateTokenAsync(Channel with { SigningKey = Identity.WebchatOnlyKey }));
        AssertRefused(TeamsAuthRefusal.NotEndorsed, await ValidateTokenAsync(Channel, channelId: "webchat"));
    }

    [Fact]
    public async Task Token_without_a_serviceurl_claim_is_refused()
    {
        var result = await ValidateTokenAsync(Channel with { ServiceUrl = null });

        AssertRefused(TeamsAuthRefusal.ServiceUrlMismatch, result);
    }

    [Fact]
    public async Task Serviceurl_claim_naming_another_service_is_refused()
    {
        var result = await ValidateTokenAsync(Channel, serviceUrl: "https://attacker.example/teams/");

        AssertRefused(TeamsAuthRefusal.ServiceUrlMismatch, result);
    }

    [Fact]
    public async Task Serviceurl_claim_is_compared_without_regard_to_case()
    {
        var result = await ValidateTokenAsync(Channel, serviceUrl: ServiceUrl.ToUpperInvariant());

        Assert.True(result.IsAccepted, result.ToString());
    }

    [Fact]
    public async Task Entra_v2_token_of_the_configured_tenant_is_accepted()
    {
        var entra = new FakeTokenSpec { Issuer = TeamsIdentityFixture.EntraIssuer(TeamsIdentityFixture.TenantId), SigningKey = Identity.EntraKey };

        var result = await ValidateTokenAsync(entra);

        Assert.Equal(new TeamsAuthResult.Accepted(TeamsCallerKind.EntraId), result);
    }

    [Fact]
    public async Task Entra_token_of_another_tenant_is_refused()
    {
        // Entra signs every tenant's tokens with the same keys: only the issuer check stops this one.
        var other = new FakeTokenSpec { Issuer = TeamsIdentityFixture.EntraIssuer(TeamsIdentityFixture.OtherTenantId), SigningKey = Identity.EntraKey };

        var result = await ValidateTokenAsync(other);

        AssertRefused(TeamsAuthRefusal.WrongIssuer, result);
    }

    [Fact]
    public async Task Entra_token_with_a_serviceurl_claim_must_name_the_activity_service()
    {
        var entra = new FakeTokenSpec { Issuer = TeamsIdentityFixture.EntraIssuer(TeamsIdentityFixture.TenantId), SigningKey = Identity.EntraKey, ServiceUrl = "https://attacker.example/" };

        AssertRefused(TeamsAuthRefusal.ServiceUrlMismatch, await ValidateTokenAsync(entra));
    }

    [Fact]
    public async Task Entra_tokens_are_refused_when_no_tenant_is_configured()
    {
        await using var multiTenant = TeamsTestServices.Build(Settings(withTenant: false), Time);
        var entra = new FakeTokenSpec { Issuer = TeamsIdentityFixture.EntraIssuer(TeamsIdentityFixture.TenantId), SigningKey = Identity.EntraKey };

        var result = await multiTenant.GetRequiredService<TeamsTokenValidator>().ValidateAsync("Bearer " + Identity.Mint(entra), "msteams", ServiceUrl);

        AssertRefused(TeamsAuthRefusal.WrongIssuer, result);
    }

    [Fact]
    public async Task Request_without_an_authorization_header_is_refused()
    {
        AssertRefused(TeamsAuthRefusal.MissingToken, await ValidateAsync(null));
        AssertRefused(TeamsAuthRefusal.MissingToken, await ValidateAsync("  "));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9")]
    public async Task Malformed_authorization_is_refused_without_an_exception(string authorization)
    {
        AssertRefused(TeamsAuthRefusal.MalformedToken, await ValidateAsync(authorization));
    }

    [Fact]
    public async Task Without_an_app_id_even_a_valid_token_is_refused()
    {
        var settings = Settings();
        settings["Teams:AppId"] = null;
        await using var unconfigured = TeamsTestServices.Build(settings, Time);

        var result = await unconfigured.GetRequiredService<TeamsTokenValidator>().ValidateAsync("Bearer " + Identity.Mint(Channel), "msteams", ServiceUrl);

        AssertRefused(TeamsAuthRefusal.NotConfigured, result);
    }

    [Fact]
    public async Task Unreachable_metadata_refuses_every_token()
    {
        var settings = Settings();
        settings["Teams:OpenIdMetadataUrl"] = new Uri(Identity.BaseAddress, "missing/openidconfiguration").AbsoluteUri;
        await using var broken = TeamsTestServices.Build(settings, Time);

        var result = await broken.GetRequiredService<TeamsTokenValidator>().ValidateAsync("Bearer " + Identity.Mint(Channel), "msteams", ServiceUrl);

        AssertRefused(TeamsAuthRefusal.KeysUnavailable, result);
    }
}
