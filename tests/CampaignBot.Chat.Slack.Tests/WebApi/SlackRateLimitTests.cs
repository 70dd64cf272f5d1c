using System.Diagnostics;
using System.Text.Json.Nodes;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Chat.Slack.Tests.WebApi;

public sealed class SlackRateLimitTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly HttpClient _http = new();
    private FakeSlack _slack = null!;
    private SlackWebApi _client = null!;

    public async Task InitializeAsync()
    {
        _slack = await FakeSlack.StartAsync(time: _time);
        _client = new SlackWebApi(_http, Options.Create(_slack.Options()), _time, new SlackChannelPacer(_time), NullLogger<SlackWebApi>.Instance);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private static JsonObject Text(string text) => new() { ["text"] = text };

    // The client waits on the fake clock; nudge it forward until the call completes (bounded by real time).
    private async Task<T> AdvanceUntilDone<T>(Task<T> call, TimeSpan step)
    {
        var deadline = Stopwatch.StartNew();
        while (!call.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            _time.Advance(step);
            await Task.WhenAny(call, Task.Delay(10));
        }

        return await call;
    }

    [Fact]
    public async Task Http_429_is_retried_after_the_retry_after_interval()
    {
        _slack.RateLimitNext("chat.postMessage", calls: 1, retryAfterSeconds: 30);

        var posted = await AdvanceUntilDone(_client.PostMessageAsync("C1AB", Text("hi")), TimeSpan.FromSeconds(1));

        var calls = _slack.CallsTo("chat.postMessage");
        Assert.Equal(["ratelimited", null], calls.Select(c => c.Error));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(30), $"retried after {calls[1].At - calls[0].At}");
        Assert.NotNull(_slack.Message("C1AB", posted.Ts));
    }

    [Fact]
    public async Task Still_rate_limited_after_the_bounded_retries_fails_with_ratelimited_and_retry_after()
    {
        _slack.RateLimitNext("views.open", calls: 10, retryAfterSeconds: 2);

        var call = _client.OpenViewAsync("1.2.3", new JsonObject { ["type"] = "modal", ["title"] = new JsonObject { ["type"] = "plain_text", ["text"] = "T" } });
        var error = await Assert.ThrowsAsync<SlackApiException>(() => AdvanceUntilDone(call, TimeSpan.FromSeconds(1)));

        Assert.Equal(("views.open", "ratelimited", TimeSpan.FromSeconds(2)), (error.Method, error.Error, error.RetryAfter));
        Assert.Equal(SlackWebApi.MaxRateLimitRetries + 1, _slack.CallsTo("views.open").Count);
    }

    [Fact]
    public async Task Waiting_out_a_429_can_be_cancelled()
    {
        _slack.RateLimitNext("chat.postMessage", calls: 1, retryAfterSeconds: 30);
        using var cancel = new CancellationTokenSource();
        var call = _client.PostMessageAsync("C1AB", Text("hi"), cancel.Token);
        while (_slack.CallsTo("chat.postMessage").Count == 0 && !call.IsCompleted)
        {
            await Task.Delay(5);
        }

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(_slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task Posts_to_one_channel_are_paced_after_a_short_burst_while_other_channels_are_not()
    {
        for (var i = 0; i < 3; i++)
        {
            await _client.PostMessageAsync("C0BUSY", Text($"burst {i}"));
        }

        var fourth = _client.PostMessageAsync("C0BUSY", Text("paced"));
        await _client.PostMessageAsync("C0QUIET", Text("other channel"));
        Assert.False(fourth.IsCompleted);
        Assert.Equal(3, _slack.CallsTo("chat.postMessage").Count(c => c.Body["channel"]!.GetValue<string>() == "C0BUSY"));

        _time.Advance(TimeSpan.FromSeconds(1));
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4, _slack.CallsTo("chat.postMessage").Count(c => c.Body["channel"]!.GetValue<string>() == "C0BUSY"));
    }
}
