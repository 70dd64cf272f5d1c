using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Chat.Teams.Tests.Connector;

public sealed class BotConnectorClientTests : ConnectorTestBase
{
    private const string EscapedConversation = "19%3Aabc123%40thread.tacv2%3Bmessageid%3D1699999999999";

    private static JsonObject Card() => OutboundActivity.Card(new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray() }, "Spring sale needs approval");

    [Fact]
    public async Task Send_posts_the_card_to_the_conversation_with_the_bots_token()
    {
        var sent = await Client.SendAsync(ServiceUrl, ChannelConversation, Card());

        var call = Assert.Single(Connector.Calls);
        Assert.Equal(("POST", $"/teams/v3/conversations/{EscapedConversation}/activities", "Bearer connector-token-1"), (call.Method, call.RawTarget, call.Authorization));
        Assert.Equal("message", call.Body!["type"]!.GetValue<string>());
        Assert.Equal(ChannelConversation, call.Body["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", call.Body["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Equal("activity-1", sent.Id);
    }

    [Fact]
    public async Task Reply_posts_into_the_thread_of_the_activity()
    {
        await Client.ReplyAsync(ServiceUrl, ChannelConversation, "1699999999999", OutboundActivity.Text("Run started"));

        var call = Assert.Single(Connector.Calls);
        Assert.Equal($"/teams/v3/conversations/{EscapedConversation}/activities/1699999999999", call.RawTarget);
        Assert.Equal("1699999999999", call.Body!["replyToId"]!.GetValue<string>());
        Assert.Equal("plain", call.Body["textFormat"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_puts_the_whole_activity_under_its_id()
    {
        var updated = await Client.UpdateAsync(ServiceUrl, ChannelConversation, "1699999999999", Card());

        var call = Assert.Single(Connector.Calls);
        Assert.Equal(("PUT", $"/teams/v3/conversations/{EscapedConversation}/activities/1699999999999"), (call.Method, call.RawTarget));
        Assert.Equal("1699999999999", call.Body!["id"]!.GetValue<string>());
        Assert.NotNull(call.Body["attachments"]);
        Assert.Equal("1699999999999", updated.Id);
    }

    [Fact]
    public async Task Create_conversation_opens_a_personal_chat_with_the_member_in_the_tenant()
    {
        var created = await Client.CreateConversationAsync(ServiceUrl, new NewPersonalConversation("28:bot", "29:1omar", TeamsIdentityFixture.TenantId));

        var call = Assert.Single(Connector.Calls);
        Assert.Equal(("POST", "/teams/v3/conversations"), (call.Method, call.RawTarget));
        Assert.False(call.Body!["isGroup"]!.GetValue<bool>());
        Assert.Equal("29:1omar", call.Body["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(TeamsIdentityFixture.TenantId, call.Body["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.Equal("a:new-conversation-1", created.Id);
    }

    [Fact]
    public async Task Get_member_returns_their_email_or_null_when_not_in_the_roster()
    {
        Connector.AddMember(ChannelConversation, new JsonObject { ["id"] = "29:1omar", ["name"] = "Omar", ["aadObjectId"] = "omar-oid", ["email"] = "omar@example.com", ["userPrincipalName"] = "omar@example.com" });

        var omar = await Client.GetMemberAsync(ServiceUrl, ChannelConversation, "29:1omar");
        var stranger = await Client.GetMemberAsync(ServiceUrl, ChannelConversation, "29:1nobody");

        Assert.Equal(new TeamsMember("29:1omar", "Omar", "omar-oid", "omar@example.com", "omar@example.com", null), omar);
        Assert.Null(stranger);
        Assert.Equal($"/teams/v3/conversations/{EscapedConversation}/members/29%3A1omar", Connector.Calls[0].RawTarget);
    }

    [Theory]
    [InlineData("teams")]
    [InlineData("teams/")]
    [InlineData("teams//")]
    public async Task Service_urls_with_and_without_a_trailing_slash_reach_the_same_route(string basePath)
    {
        var serviceUrl = Connector.ServiceUrl(basePath);
        Assert.True(Services.GetRequiredService<TrustedServiceUrls>().IsTrusted(serviceUrl));

        await Client.SendAsync(serviceUrl, "a:1", OutboundActivity.Text("hi"));

        Assert.Equal("/teams/v3/conversations/a%3A1/activities", Assert.Single(Connector.Calls).RawTarget);
    }

    [Fact]
    public async Task An_untrusted_service_url_is_refused_before_anything_is_sent()
    {
        var error = await Assert.ThrowsAsync<BotConnectorException>(() => Client.SendAsync(Connector.ServiceUrl("other/"), "a:1", OutboundActivity.Text("hi")));

        Assert.Equal("untrusted_service_url", error.Code);
        Assert.Empty(Connector.Calls);
        Assert.Empty(Identity.TokenRequests);
    }
}
