using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Chat.Teams.Tests.Connector;

public sealed class ConnectorTokenTests : ConnectorTestBase
{
    private Task<SentActivity> Send(BotConnectorClient? client = null) =>
        (client ?? Client).SendAsync(ServiceUrl, "a:1", OutboundActivity.Text("hi"));

    [Fact]
    public async Task The_token_request_carries_the_client_credentials_and_the_bot_framework_scope()
    {
        await Send();

        var request = Assert.Single(Identity.TokenRequests);
        Assert.Equal((TeamsIdentityFixture.TenantId, "client_credentials", TeamsIdentityFixture.AppId, "https://api.botframework.com/.default", true),
            (request.Tenant, request.GrantType, request.ClientId, request.Scope, request.SecretMatched));
    }

    [Fact]
    public async Task A_multi_tenant_bot_asks_the_bot_framework_tenant()
    {
        var settings = Settings();
        settings["Teams:TenantId"] = null;
        await using var services = Build(settings);

        await Send(services.GetRequiredService<BotConnectorClient>());

        Assert.Equal("botframework.com", Assert.Single(Identity.TokenRequests).Tenant);
    }

    [Fact]
    public async Task The_token_is_reused_until_five_minutes_before_it_expires()
    {
        await Send();
        Time.Advance(TimeSpan.FromMinutes(54));
        await Send();
        Assert.Single(Identity.TokenRequests);

        Time.Advance(TimeSpan.FromMinutes(1));
        await Send();

        Assert.Equal(2, Identity.TokenRequests.Count);
        Assert.Equal("Bearer connector-token-2", Connector.Calls[^1].Authorization);
    }

    [Fact]
    public async Task A_short_lived_token_is_renewed_halfway()
    {
        Identity.TokenLifetimeSeconds = 120;
        await Send();
        Time.Advance(TimeSpan.FromSeconds(59));
        await Send();
        Time.Advance(TimeSpan.FromSeconds(1));
        await Send();

        Assert.Equal(2, Identity.TokenRequests.Count);
    }

    [Fact]
    public async Task Concurrent_sends_share_one_token_request()
    {
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Send()));

        Assert.Single(Identity.TokenRequests);
        Assert.Equal(10, Connector.Calls.Count);
    }

    [Fact]
    public async Task A_revoked_token_is_replaced_once_and_the_call_retried()
    {
        await Send();
        Revoke("connector-token-1");

        await Send();

        Assert.Equal([201, 401, 201], Connector.Calls.Select(c => c.Status));
        Assert.Equal("Bearer connector-token-2", Connector.Calls[^1].Authorization);
    }

    [Fact]
    public async Task Wrong_credentials_fail_with_the_token_endpoints_error_and_send_nothing()
    {
        var settings = Settings();
        settings["Teams:AppPassword"] = "wrong-secret";
        await using var services = Build(settings);

        var error = await Assert.ThrowsAsync<BotConnectorException>(() => Send(services.GetRequiredService<BotConnectorClient>()));

        Assert.Equal(("token", "invalid_client"), (error.Operation, error.Code));
        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
        Assert.Empty(Connector.Calls);
    }

    [Fact]
    public async Task Development_mode_sends_no_token_to_a_loopback_connector()
    {
        AllowAnonymous = true;
        var settings = Settings();
        settings["Teams:AllowUnauthenticatedLoopback"] = "true";
        await using var services = Build(settings, environment: "Development");

        await Send(services.GetRequiredService<BotConnectorClient>());

        Assert.Null(Assert.Single(Connector.Calls).Authorization);
        Assert.Empty(Identity.TokenRequests);
    }

    [Fact]
    public async Task The_development_flag_outside_development_still_sends_the_token()
    {
        var settings = Settings();
        settings["Teams:AllowUnauthenticatedLoopback"] = "true";
        await using var services = Build(settings, environment: "Production");

        await Send(services.GetRequiredService<BotConnectorClient>());

        Assert.Equal("Bearer connector-token-1", Assert.Single(Connector.Calls).Authorization);
    }
}
