using System.Diagnostics;
using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Chat.Teams.Tests.Connector;

/// <summary>The real client from the service registrations, against the loopback identity fixture and fake connector.</summary>
public abstract class ConnectorTestBase : IAsyncLifetime
{
    protected const string ChannelConversation = "19:abc123@thread.tacv2;messageid=1699999999999";

    private readonly HashSet<string> _revoked = [];

    protected FakeTimeProvider Time { get; } = new(TeamsTestServices.Start);

    protected TeamsIdentityFixture Identity { get; private set; } = null!;

    protected FakeBotConnector Connector { get; private set; } = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    protected BotConnectorClient Client => Services.GetRequiredService<BotConnectorClient>();

    protected string ServiceUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Identity = await TeamsIdentityFixture.StartAsync(Time);
        Connector = await FakeBotConnector.StartAsync(Time, AcceptsAuthorization);
        ServiceUrl = Connector.ServiceUrl("teams/");
        Services = Build(Settings());
    }

    /// <summary>Only tokens the fixture issued, and not revoked, pass; none at all is refused like a missing one.</summary>
    private bool AcceptsAuthorization(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return AllowAnonymous;
        }

        var token = authorization["Bearer ".Length..];
        lock (_revoked)
        {
            return !_revoked.Contains(token) && Identity.TokenRequests.Any(r => r.IssuedToken == token);
        }
    }

    /// <summary>The Agents Playground's connector wants no token.</summary>
    protected bool AllowAnonymous { get; set; }

    protected void Revoke(string token)
    {
        lock (_revoked)
        {
            _revoked.Add(token);
        }
    }

    protected Dictionary<string, string?> Settings() => new()
    {
        ["Teams:AppId"] = TeamsIdentityFixture.AppId,
        ["Teams:AppPassword"] = TeamsIdentityFixture.AppPassword,
        ["Teams:TenantId"] = TeamsIdentityFixture.TenantId,
        ["Teams:OpenIdMetadataUrl"] = Identity.BotFrameworkMetadataUrl,
        ["Teams:EntraMetadataUrl"] = Identity.EntraMetadataUrlTemplate,
        ["Teams:TokenEndpoint"] = Identity.TokenEndpointTemplate,
    };

    /// <summary>Services whose trusted serviceUrls already hold the fake connector, as after an authenticated activity.</summary>
    protected ServiceProvider Build(Dictionary<string, string?> settings, string environment = "Production")
    {
        var services = TeamsTestServices.Build(settings, Time, environment);
        services.GetRequiredService<TrustedServiceUrls>().Trust(ServiceUrl);
        return services;
    }

    /// <summary>The client waits on the fake clock; nudge it forward until the call completes (bounded by real time).</summary>
    protected async Task<T> AdvanceUntilDone<T>(Task<T> call, TimeSpan step)
    {
        var deadline = Stopwatch.StartNew();
        while (!call.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            Time.Advance(step);
            await Task.WhenAny(call, Task.Delay(10));
        }

        return await call;
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Connector.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
