using CampaignBot.Chat.Teams.Authentication;
using CampaignBot.Chat.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Chat.Teams.Tests.Authentication;

/// <summary>A fresh identity fixture and validator per test class instance, so key-fetch counts never leak between tests.</summary>
public abstract class TokenValidationTestBase : IAsyncLifetime
{
    protected const string ServiceUrl = "https://smba.trafficmanager.net/teams/";

    protected FakeTimeProvider Time { get; } = new(TeamsTestServices.Start);

    protected TeamsIdentityFixture Identity { get; private set; } = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    protected TeamsTokenValidator Validator => Services.GetRequiredService<TeamsTokenValidator>();

    public virtual async Task InitializeAsync()
    {
        Identity = await TeamsIdentityFixture.StartAsync(Time);
        Services = TeamsTestServices.Build(Settings(), Time);
    }

    protected Dictionary<string, string?> Settings(bool withTenant = true) => new()
    {
        ["Teams:AppId"] = TeamsIdentityFixture.AppId,
        ["Teams:AppPassword"] = TeamsIdentityFixture.AppPassword,
        ["Teams:TenantId"] = withTenant ? TeamsIdentityFixture.TenantId : null,
        ["Teams:OpenIdMetadataUrl"] = Identity.BotFrameworkMetadataUrl,
        ["Teams:EntraMetadataUrl"] = Identity.EntraMetadataUrlTemplate,
        ["Teams:TokenEndpoint"] = Identity.TokenEndpointTemplate,
    };

    protected FakeTokenSpec Channel { get; } = new() { ServiceUrl = ServiceUrl };

    protected Task<TeamsAuthResult> ValidateAsync(string? authorization, string channelId = "msteams", string serviceUrl = ServiceUrl) =>
        Validator.ValidateAsync(authorization, channelId, serviceUrl);

    protected Task<TeamsAuthResult> ValidateTokenAsync(FakeTokenSpec spec, string channelId = "msteams", string serviceUrl = ServiceUrl) =>
        ValidateAsync("Bearer " + Identity.Mint(spec), channelId, serviceUrl);

    protected static void AssertRefused(TeamsAuthRefusal expected, TeamsAuthResult result)
    {
        var refused = Assert.IsType<TeamsAuthResult.Refused>(result);
        Assert.Equal(expected, refused.Reason);
    }

    public virtual async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
