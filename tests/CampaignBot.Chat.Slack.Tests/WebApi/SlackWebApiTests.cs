using System.Text.Json.Nodes;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Chat.Slack.Tests.WebApi;

public sealed class SlackWebApiTests : IAsyncLifetime
{
    private FakeSlack _slack = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private SlackWebApi Client(Action<SlackOptions>? change = null)
    {
        var options = _slack.Options();
        change?.Invoke(options);
        return new SlackWebApi(_http, Options.Create(options), TimeProvider.System, new SlackChannelPacer(TimeProvider.System), NullLogger<SlackWebApi>.Instance);
    }

    private static JsonObject Text(string text) => new() { ["text"] = text };

    private static JsonObject WithBlocks(int count) => new()
    {
        ["text"] = "Fallback",
        ["blocks"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode?)new JsonObject
        {
            ["type"] = "section",
            ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"Line {i}" },
        })]),
    };

    [Fact]
    public async Task Post_message_sends_json_with_the_bearer_token_and_returns_the_channel_and_ts()
    {
        var posted = await Client().PostMessageAsync("C0APPROVALS", WithBlocks(2));

        var call = Assert.Single(_slack.CallsTo("chat.postMessage"));
        Assert.Equal($"Bearer {FakeSlack.DefaultBotToken}", call.Authorization);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Null(call.Error);
        Assert.Equal("C0APPROVALS", posted.Channel);
        Assert.Equal("Fallback", _slack.Message(posted.Channel, posted.Ts)?["text"]?.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_token_surfaces_invalid_auth_without_revealing_the_token()
    {
        var error = await Assert.ThrowsAsync<SlackApiException>(() => Client(o => o.BotToken = "xoxb-wrong-secret-token").PostMessageAsync("C1AB", Text("hi")));
        Assert.Equal(("chat.postMessage", "invalid_auth"), (error.Method, error.Error));
        Assert.DoesNotContain("xoxb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_bot_token_nothing_is_sent()
    {
        var error = await Assert.ThrowsAsync<SlackApiException>(() => Client(o => o.BotToken = null).PostMessageAsync("C1AB", Text("hi")));
        Assert.Equal("not_configured", error.Error);
        Assert.Empty(_slack.Calls);
    }

    [Fact]
    public async Task Ok_false_is_surfaced_with_the_method_error_code_and_details()
    {
        var notFound = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostMessageAsync("nowhere", Text("hi")));
        Assert.Equal(("chat.postMessage", "channel_not_found"), (notFound.Method, notFound.Error));

        var tooMany = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostMessageAsync("C1AB", WithBlocks(51)));
        Assert.Equal("invalid_blocks", tooMany.Error);
        Assert.Contains(tooMany.Details, d => d.Contains("$.blocks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_replaces_a_posted_message_and_an_unknown_ts_is_message_not_found()
    {
        var client = Client();
        var posted = await client.PostMessageAsync("C1AB", Text("Waiting for approval"));
        await client.UpdateMessageAsync(posted.Channel, posted.Ts, Text("Approved by Ana"));
        Assert.Equal("Approved by Ana", _slack.Message(posted.Channel, posted.Ts)?["text"]?.GetValue<string>());

        var error = await Assert.ThrowsAsync<SlackApiException>(() => client.UpdateMessageAsync("C1AB", "1.000000", Text("x")));
        Assert.Equal(("chat.update", "message_not_found"), (error.Method, error.Error));
    }

    [Fact]
    public async Task Ephemeral_message_returns_its_message_ts() =>
        Assert.NotEmpty(await Client().PostEphemeralAsync("C1AB", "U0ALICE", Text("Only you can see this")));

    [Fact]
    public async Task Views_open_then_update_with_the_current_hash_and_a_trigger_is_single_use()
    {
        var client = Client();
        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = "campaign.new",
            ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "New campaign" },
            ["blocks"] = new JsonArray(),
        };
        var opened = await client.OpenViewAsync("111.222.333", view);
        Assert.StartsWith("V", opened.Id, StringComparison.Ordinal);

        var updated = await client.UpdateViewAsync(opened.Id, view, opened.Hash);
        Assert.Equal(opened.Id, updated.Id);
        var conflict = await Assert.ThrowsAsync<SlackApiException>(() => client.UpdateViewAsync(opened.Id, view, opened.Hash));
        Assert.Equal("hash_conflict", conflict.Error);

        var reused = await Assert.ThrowsAsync<SlackApiException>(() => client.OpenViewAsync("111.222.333", view));
        Assert.Equal(("views.open", "exchanged_trigger_id"), (reused.Method, reused.Error));
    }

    [Fact]
    public async Task Views_open_is_not_held_behind_a_channels_chat_post_message_pacing()
    {
        // One post a day to C1 after the first: a second post waits on the fake clock, which never moves here.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var client = new SlackWebApi(_http, Options.Create(_slack.Options()), time, new SlackChannelPacer(time, burst: 1, TimeSpan.FromDays(1)), NullLogger<SlackWebApi>.Instance);
        await client.PostMessageAsync("C1AB", Text("first"));
        var paced = client.PostMessageAsync("C1AB", Text("second"));

        var opened = await client.OpenViewAsync("444.555.666", new JsonObject
        {
            ["type"] = "modal",
            ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Form" },
            ["blocks"] = new JsonArray(),
        });

        Assert.StartsWith("V", opened.Id, StringComparison.Ordinal);
        Assert.False(paced.IsCompleted);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Users_info_returns_the_email_when_slack_has_one()
    {
        _slack.AddUser("U0ALICE", "alice@example.com");
        _slack.AddUser("U0BOB", email: null);
        var client = Client();

        Assert.Equal(new SlackUser("U0ALICE", "alice@example.com", false), await client.GetUserAsync("U0ALICE"));
        Assert.Null((await client.GetUserAsync("U0BOB")).Email);
        Assert.Equal("user_not_found", (await Assert.ThrowsAsync<SlackApiException>(() => client.GetUserAsync("U0NOBODY"))).Error);
    }

    [Fact]
    public async Task Conversations_open_returns_the_direct_message_channel()
    {
        _slack.AddUser("U0ONCALL", "oncall@example.com");
        var channel = await Client().OpenDirectMessageAsync("U0ONCALL");
        Assert.StartsWith("D", channel, StringComparison.Ordinal);
        var posted = await Client().PostMessageAsync(channel, Text("Run failed"));
        Assert.Equal(channel, posted.Channel);
    }

    [Fact]
    public async Task Response_url_is_posted_without_the_token_and_refused_after_five_uses()
    {
        var client = Client();
        var url = _slack.NewResponseUrl();
        var reply = new JsonObject { ["replace_original"] = true, ["text"] = "Approved" };
        for (var i = 0; i < FakeSlack.ResponseUrlUses; i++)
        {
            await client.PostToResponseUrlAsync(url, reply);
        }

        var calls = _slack.CallsTo("response_url");
        Assert.Equal(5, calls.Count);
        Assert.All(calls, c => Assert.Null(c.Authorization));
        Assert.True(calls[0].Body["replace_original"]!.GetValue<bool>());
        var error = await Assert.ThrowsAsync<SlackApiException>(() => client.PostToResponseUrlAsync(url, reply));
        Assert.Equal(("response_url", "http_404"), (error.Method, error.Error));
    }
}
