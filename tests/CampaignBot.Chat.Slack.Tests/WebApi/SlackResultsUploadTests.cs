using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignBot.Chat.Slack.Tests.Fakes;
using CampaignBot.Chat.Slack.WebApi;
using CampaignBot.Conversations;
using CampaignBot.Conversations.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Slack.Tests.WebApi;

/// <summary>The results chart reaches Slack through the external upload sequence, into the conversation it answers.</summary>
public sealed class SlackResultsUploadTests : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 1, 2, 3, 4, 5];
    private FakeSlack _slack = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _slack = await FakeSlack.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private SlackWebApi Client() =>
        new(_http, Options.Create(_slack.Options()), TimeProvider.System, new SlackChannelPacer(TimeProvider.System), NullLogger<SlackWebApi>.Instance);

    [Fact]
    public async Task Results_chart_upload_asks_for_an_upload_url_sends_the_bytes_then_completes_into_the_thread()
    {
        var fileId = await Client().UploadFileAsync("C0RESULTS", "1700000001.000001", "spring-sale.png", "Spring sale: conversion by group", Png);

        Assert.Equal(["files.getUploadURLExternal", "upload_url", "files.completeUploadExternal"], _slack.Calls.Select(c => c.Method));
        var ticket = _slack.Calls[0];
        Assert.StartsWith("application/x-www-form-urlencoded", ticket.ContentType, StringComparison.Ordinal);
        Assert.Equal(("spring-sale.png", Png.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), (Str(ticket.Body, "filename"), Str(ticket.Body, "length")));
        Assert.Null(_slack.Calls[1].Authorization);
        var complete = _slack.Calls[2];
        Assert.Null(complete.Error);
        Assert.StartsWith("application/x-www-form-urlencoded", complete.ContentType, StringComparison.Ordinal);
        Assert.Equal($"[{{\"id\":\"{fileId}\",\"title\":\"Spring sale: conversion by group\"}}]", Str(complete.Body, "files"));
        var shared = Assert.Single(_slack.SharedFiles);
        Assert.Equal((fileId, "C0RESULTS", "1700000001.000001", "Spring sale: conversion by group"), (shared.Id, shared.ChannelId, shared.ThreadTs, shared.Title));
        Assert.Equal(Png, shared.Bytes);
    }

    [Fact]
    public async Task Results_reply_in_a_thread_posts_the_message_then_uploads_its_chart_under_it()
    {
        var replies = new SlackReplies(Client(), NullLogger<SlackReplies>.Instance);
        var message = new ChatMessage("Results of Spring sale", [new Paragraph("+1.1 pp: Email worked"), new ChatImage("Spring sale: conversion by group", "Email 5.1%, control 4.0%", Png)]);

        await replies.SendAsync(new ChatReply.Say(message), new SlackOrigin("U0MAYA", "C0RESULTS", ThreadTs: "1700000001.000001"), CancellationToken.None);

        Assert.Equal(["chat.postMessage", "files.getUploadURLExternal", "upload_url", "files.completeUploadExternal"], _slack.Calls.Select(c => c.Method));
        Assert.Equal("1700000001.000001", Str(_slack.Calls[0].Body, "thread_ts"));
        var shared = Assert.Single(_slack.SharedFiles);
        Assert.Equal(("C0RESULTS", "1700000001.000001", "spring-sale-conversion-by-group.png"), (shared.ChannelId, shared.ThreadTs, shared.FileName));
    }

    [Fact]
    public async Task Results_upload_out_of_order_is_refused_by_the_fake_as_by_slack()
    {
        using var json = Request("files.getUploadURLExternal", new StringContent("{\"filename\":\"a.png\",\"length\":3}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal("invalid_arguments", await ErrorOfAsync(json));

        using var ticket = Request("files.getUploadURLExternal", new FormUrlEncodedContent([new("filename", "a.png"), new("length", "3")]));
        var fileId = (await (await _http.SendAsync(ticket)).Content.ReadFromJsonAsync<JsonObject>())!["file_id"]!.GetValue<string>();
        using var early = Request("files.completeUploadExternal", new FormUrlEncodedContent([new("files", $"[{{\"id\":\"{fileId}\"}}]"), new("channel_id", "C0RESULTS")]));
        Assert.Equal("file_not_found", await ErrorOfAsync(early));
    }

    private HttpRequestMessage Request(string method, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(_slack.ApiBaseUrl), method)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeSlack.DefaultBotToken);
        return request;
    }

    private async Task<string?> ErrorOfAsync(HttpRequestMessage request) =>
        (await (await _http.SendAsync(request)).Content.ReadFromJsonAsync<JsonObject>())!["error"]?.GetValue<string>();

    private static string Str(JsonObject body, string name) => body[name]?.GetValue<string>() ?? "";
}
