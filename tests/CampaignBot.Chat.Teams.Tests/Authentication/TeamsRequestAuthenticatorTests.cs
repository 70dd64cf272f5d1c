using System.Net;
using CampaignBot.Chat.Teams.Authentication;
using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Chat.Teams.Tests.Authentication;

public sealed class TeamsRequestAuthenticatorTests : TokenValidationTestBase
{
    private const string PlaygroundServiceUrl = "http://localhost:56150/_connector";
    private static readonly IPAddress Remote = IPAddress.Parse("52.112.0.10");

    private ServiceProvider DevelopmentServices(string environment = "Development", bool allow = true, bool withAppId = true)
    {
        var settings = Settings();
        settings["Teams:AllowUnauthenticatedLoopback"] = allow ? "true" : "false";
        if (allow)
        {
            settings["Teams:AppPassword"] = null;
        }
        if (!withAppId)
        {
            settings["Teams:AppId"] = null;
        }

        return TeamsTestServices.Build(settings, Time, environment);
    }

    private static Task<TeamsAuthResult> AuthenticateAsync(IServiceProvider services, string? authorization, IPAddress remote, string serviceUrl) =>
        services.GetRequiredService<TeamsRequestAuthenticator>().AuthenticateAsync(authorization, remote, "msteams", serviceUrl);

    [Fact]
    public async Task An_authenticated_activity_makes_its_service_url_callable()
    {
        var result = await AuthenticateAsync(Services, "Bearer " + Identity.Mint(Channel), Remote, ServiceUrl);

        Assert.True(result.IsAccepted);
        Assert.True(Services.GetRequiredService<TrustedServiceUrls>().IsTrusted(ServiceUrl));
    }

    [Fact]
    public async Task A_refused_activity_teaches_nothing()
    {
        var forged = Identity.Mint(Channel with { ServiceUrl = "https://attacker.example/", SigningKey = Identity.StrangerKey, Kid = Identity.BotFrameworkKey.Kid });

        var result = await AuthenticateAsync(Services, "Bearer " + forged, Remote, "https://attacker.example/");

        AssertRefused(TeamsAuthRefusal.BadSignature, result);
        Assert.False(Services.GetRequiredService<TrustedServiceUrls>().IsTrusted("https://attacker.example/"));
    }

    [Fact]
    public async Task A_plain_http_service_url_off_loopback_is_refused_even_with_a_valid_token()
    {
        var spec = Channel with { ServiceUrl = "http://smba.example/teams/" };

        var result = await AuthenticateAsync(Services, "Bearer " + Identity.Mint(spec), Remote, "http://smba.example/teams/");

        AssertRefused(TeamsAuthRefusal.ServiceUrlMismatch, result);
    }

    [Fact]
    public async Task Development_mode_admits_a_tokenless_loopback_client()
    {
        await using var services = DevelopmentServices();

        var result = await AuthenticateAsync(services, null, IPAddress.Loopback, PlaygroundServiceUrl);

        Assert.Equal(new TeamsAuthResult.Accepted(TeamsCallerKind.DevelopmentLoopback), result);
        Assert.True(services.GetRequiredService<TrustedServiceUrls>().IsTrusted(PlaygroundServiceUrl));
    }

    [Fact]
    public async Task Development_mode_admits_the_ipv6_and_mapped_loopback_addresses()
    {
        await using var services = DevelopmentServices();

        Assert.True((await AuthenticateAsync(services, null, IPAddress.IPv6Loopback, PlaygroundServiceUrl)).IsAccepted);
        Assert.True((await AuthenticateAsync(services, null, IPAddress.Loopback.MapToIPv6(), PlaygroundServiceUrl)).IsAccepted);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Development_mode_never_applies_outside_development(string environment)
    {
        await using var services = DevelopmentServices(environment);

        AssertRefused(TeamsAuthRefusal.MissingToken, await AuthenticateAsync(services, null, IPAddress.Loopback, PlaygroundServiceUrl));
    }

    [Fact]
    public async Task Development_mode_refuses_a_remote_client()
    {
        await using var services = DevelopmentServices();

        AssertRefused(TeamsAuthRefusal.MissingToken, await AuthenticateAsync(services, null, Remote, PlaygroundServiceUrl));
    }

    [Fact]
    public async Task Development_mode_refuses_a_loopback_client_naming_a_remote_service_url()
    {
        // Otherwise a local process could make the bot send its real connector token anywhere.
        await using var services = DevelopmentServices();

        AssertRefused(TeamsAuthRefusal.MissingToken, await AuthenticateAsync(services, null, IPAddress.Loopback, ServiceUrl));
        Assert.False(services.GetRequiredService<TrustedServiceUrls>().IsTrusted(ServiceUrl));
    }

    [Fact]
    public async Task Development_mode_is_off_unless_asked_for()
    {
        await using var services = DevelopmentServices(allow: false);

        AssertRefused(TeamsAuthRefusal.MissingToken, await AuthenticateAsync(services, null, IPAddress.Loopback, PlaygroundServiceUrl));
    }

    [Fact]
    public async Task Without_an_app_id_development_mode_admits_nothing()
    {
        await using var services = DevelopmentServices(withAppId: false);

        AssertRefused(TeamsAuthRefusal.NotConfigured, await AuthenticateAsync(services, null, IPAddress.Loopback, PlaygroundServiceUrl));
    }
}
