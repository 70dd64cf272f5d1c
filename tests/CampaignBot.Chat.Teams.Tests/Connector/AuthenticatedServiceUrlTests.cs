using System.Net;
using CampaignBot.Chat.Teams.Authentication;
using CampaignBot.Chat.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Chat.Teams.Tests.Connector;

/// <summary>End to end through the protocol layer: an authenticated activity makes its serviceUrl one the client will call.</summary>
public sealed class AuthenticatedServiceUrlTests : ConnectorTestBase
{
    [Fact]
    public async Task A_reply_reaches_the_service_url_of_an_authenticated_activity_and_no_other()
    {
        await using var services = TeamsTestServices.Build(Settings(), Time);
        var serviceUrl = Connector.ServiceUrl("amer");
        var token = Identity.Mint(new Fakes.FakeTokenSpec { ServiceUrl = serviceUrl });
        var client = services.GetRequiredService<BotConnectorClient>();
        await Assert.ThrowsAsync<BotConnectorException>(() => client.SendAsync(serviceUrl, "a:1", OutboundActivity.Text("too early")));

        var auth = await services.GetRequiredService<TeamsRequestAuthenticator>().AuthenticateAsync("Bearer " + token, IPAddress.Parse("52.112.0.10"), "msteams", serviceUrl);
        await client.SendAsync(serviceUrl, "a:1", OutboundActivity.Text("hello"));

        Assert.True(auth.IsAccepted);
        Assert.Equal("/amer/v3/conversations/a%3A1/activities", Assert.Single(Connector.Calls).RawTarget);
    }
}
