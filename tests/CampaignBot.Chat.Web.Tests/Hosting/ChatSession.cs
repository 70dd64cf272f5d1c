using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CampaignBot.Chat.Web.Tests.Hosting;

/// <summary>
/// One browser's view of the web chat, without the browser: a cookie jar, the page's anti-forgery token and its
/// origin on every post, as the page's script sends them.
/// </summary>
internal sealed partial class ChatSession : IDisposable
{
    public const string Origin = "http://localhost";

    private readonly HttpClient _client;

    private ChatSession(HttpClient client) => _client = client;

    public string Token { get; private set; } = "";

    public HttpClient Client => _client;

    /// <summary>A fresh browser: no cookie, the page loaded once for its token.</summary>
    public static async Task<ChatSession> OpenAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var session = new ChatSession(client);
        await session.LoadPageAsync();
        return session;
    }

    /// <summary>Picks <paramref name="person"/> on the Development sign-in page.</summary>
    public static async Task<ChatSession> SignInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string person)
    {
        var session = await OpenAsync(factory);
        var response = await session.PostFormAsync("/chat/session", new() { ["person"] = person });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {person} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await session.LoadPageAsync();
        return session;
    }

    public async Task<string> LoadPageAsync()
    {
        var page = await _client.GetStringAsync("/chat");
        Token = WebUtility.HtmlDecode(TokenMeta().Match(page) is { Success: true } meta ? meta.Groups[1].Value : "");
        return page;
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? origin = Origin, bool withToken = true)
    {
        var all = new Dictionary<string, string>(fields);
        if (withToken)
        {
            all[WebChatSetup.TokenField] = Token;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(all) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return _client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body, string? origin = Origin, bool withToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: new JsonSerializerOptions(JsonSerializerDefaults.Web)) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (withToken)
        {
            request.Headers.Add(WebChatSetup.TokenHeader, Token);
        }

        return _client.SendAsync(request);
    }

    public Task<HttpResponseMessage> SayAsync(string text) => PostAsync("/chat/say", new { text, key = Key() });

    public Task<HttpResponseMessage> ClickAsync(string action, string value, string message) => PostAsync("/chat/click", new { action, value, message, key = Key() });

    public Task<HttpResponseMessage> SubmitAsync(string message, ShownForm form, Dictionary<string, string[]> values, string? action = null, string? value = null) =>
        PostAsync("/chat/submit", new { message, formId = form.FormId, state = form.State, values, action, value });

    /// <summary>The live stream, from the start or after <paramref name="lastEventId"/> as a reconnecting browser asks.</summary>
    public async Task<EventReader> EventsAsync(string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/chat/events");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventReader(response, await response.Content.ReadAsStreamAsync());
    }

    public static string Key() => Guid.NewGuid().ToString("N");

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<meta name=\"chat-token\" content=\"([^\"]*)\">")]
    private static partial Regex TokenMeta();
}

/// <summary>A form as the page shows it: what the page sends back with its values.</summary>
internal sealed record ShownForm(string FormId, string State);
