using System.Net;
using System.Text.Json.Nodes;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Slack;

public sealed class SlackSecurityTests
{
    [Theory]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    [InlineData("/slack/events")]
    public async Task Unsigned_requests_are_refused(string path)
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.Http.PostAsync(path, new StringContent("command=%2Fcampaign&text=list&user_id=UMAYA"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(slack.Slack.Calls);
    }

    [Fact]
    public async Task A_forged_signature_is_refused_and_changes_nothing()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = slack.Host.Campaigns.Create(TestDrafts.OneTime(), slack.Host.Maya).Unwrap().Id;
        var body = SlackHost.Form(new Dictionary<string, string> { ["command"] = "/campaign", ["text"] = "submit Winter welcome", ["user_id"] = "UMAYA", ["channel_id"] = "C1", ["response_url"] = slack.Slack.NewResponseUrl().AbsoluteUri });

        using var response = await slack.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", secret: "someone-elses-secret-0123456789");
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(CampaignStatus.Draft, slack.Host.View(id).Status);
        Assert.Empty(slack.Slack.Calls);
    }

    [Fact]
    public async Task A_stale_or_replayed_request_older_than_five_minutes_is_refused()
    {
        await using var slack = await SlackHost.StartAsync();
        var id = slack.Host.Campaigns.Create(TestDrafts.OneTime(), slack.Host.Maya).Unwrap().Id;
        var body = SlackHost.Form(new Dictionary<string, string> { ["command"] = "/campaign", ["text"] = "submit Winter welcome", ["user_id"] = "UMAYA", ["channel_id"] = "C1", ["response_url"] = slack.Slack.NewResponseUrl().AbsoluteUri });

        using var stale = await slack.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", signedAt: slack.Host.Clock.GetUtcNow().AddMinutes(-6));
        using var future = await slack.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", signedAt: slack.Host.Clock.GetUtcNow().AddMinutes(6));
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, future.StatusCode);
        Assert.Equal(CampaignStatus.Draft, slack.Host.View(id).Status);
    }

    [Fact]
    public async Task Without_a_signing_secret_every_request_is_refused()
    {
        await using var slack = await SlackHost.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = null, ["Slack:BotToken"] = null });

        using var response = await slack.CommandAsync("UMAYA", "list");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Ssl_check_probes_get_a_plain_ok()
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.Http.PostAsync("/slack/commands", new FormUrlEncodedContent(new Dictionary<string, string> { ["ssl_check"] = "1", ["token"] = "x" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(slack.Slack.Calls);
    }

    [Fact]
    public async Task Url_verification_answers_the_challenge()
    {
        await using var slack = await SlackHost.StartAsync();

        using var response = await slack.EventAsync(new JsonObject { ["token"] = "legacy", ["challenge"] = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", ["type"] = "url_verification" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_retried_event_is_answered_once()
    {
        await using var slack = await SlackHost.StartAsync();
        var mention = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T0001",
            ["api_app_id"] = "A0001",
            ["event_id"] = "Ev0001",
            ["event_time"] = 1700000000,
            ["event"] = new JsonObject
            {
                ["type"] = "app_mention", ["user"] = "UVIC", ["text"] = "<@UBOT> destinations", ["ts"] = "1700000000.000100", ["channel"] = SlackHost.Channel, ["event_ts"] = "1700000000.000100",
            },
        };

        using var first = await slack.EventAsync(mention);
        using var retry = await slack.EventAsync(mention);
        var reply = await slack.WaitForAsync("chat.postMessage");
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(slack.Slack.CallsTo("chat.postMessage"));
        Assert.Equal("1700000000.000100", reply.Body["thread_ts"]!.GetValue<string>());
        Assert.Contains("outbox", SlackHost.Text(reply), StringComparison.Ordinal);
    }
}
