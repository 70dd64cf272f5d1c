using System.Net;
using System.Net.Sockets;
using CampaignBot.Chat.Teams.Connector;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Chat.Teams.Tests.Connector;

public sealed class ConnectorRetryTests : ConnectorTestBase
{
    private Task<SentActivity> Send() => Client.SendAsync(ServiceUrl, ChannelConversation, OutboundActivity.Text("hi"));

    [Fact]
    public async Task Rate_limited_send_is_retried_after_the_retry_after_interval()
    {
        Connector.FailNext(1, HttpStatusCode.TooManyRequests, retryAfterSeconds: 7);

        var sent = await AdvanceUntilDone(Send(), TimeSpan.FromSeconds(1));

        var calls = Connector.Calls;
        Assert.Equal([429, 201], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(7), $"retried after {calls[1].At - calls[0].At}");
        Assert.Equal("activity-1", sent.Id);
    }

    [Fact]
    public async Task A_retry_after_beyond_a_minute_fails_at_once_saying_when_to_try_again()
    {
        Connector.FailNext(1, HttpStatusCode.TooManyRequests, retryAfterSeconds: 120);

        var error = await Assert.ThrowsAsync<BotConnectorException>(Send);

        Assert.Equal((HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(120)), (error.Status, error.RetryAfter));
        Assert.Single(Connector.Calls);
    }

    [Fact]
    public async Task A_server_error_is_retried_with_backoff()
    {
        Connector.FailNext(2, HttpStatusCode.BadGateway);

        await AdvanceUntilDone(Send(), TimeSpan.FromMilliseconds(500));

        var calls = Connector.Calls;
        Assert.Equal([502, 502, 201], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= BotConnectorClient.FirstBackoff);
        Assert.True(calls[2].At - calls[1].At >= 2 * BotConnectorClient.FirstBackoff);
    }

    [Fact]
    public async Task Server_errors_past_the_attempt_limit_fail_with_the_status()
    {
        Connector.FailNext(10, HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<BotConnectorException>(() => AdvanceUntilDone(Send(), TimeSpan.FromSeconds(1)));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.Equal(BotConnectorClient.MaxAttempts, Connector.Calls.Count);
    }

    [Fact]
    public async Task A_blocked_bot_fails_at_once_with_the_connectors_code()
    {
        Connector.FailNext(1, HttpStatusCode.Forbidden, code: "MessageWritesBlocked");

        var error = await Assert.ThrowsAsync<BotConnectorException>(Send);

        Assert.Equal(("MessageWritesBlocked", HttpStatusCode.Forbidden), (error.Code, error.Status));
        Assert.Single(Connector.Calls);
    }

    [Fact]
    public async Task An_unreachable_connector_is_retried_then_fails_as_a_connection_failure()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var serviceUrl = $"http://127.0.0.1:{closedPort}/teams/";
        Services.GetRequiredService<TrustedServiceUrls>().Trust(serviceUrl);

        var error = await Assert.ThrowsAsync<BotConnectorException>(() => AdvanceUntilDone(Client.SendAsync(serviceUrl, "a:1", OutboundActivity.Text("hi")), TimeSpan.FromSeconds(1)));

        Assert.Equal("connection_failed", error.Code);
    }
}
