using System.Net;
using CampaignBot.Api.Tests;
using CampaignBot.Chat.Web.Tests.Hosting;

namespace CampaignBot.Chat.Web.Tests.Security;

public sealed class WebChatSecurityTests
{
    [Fact]
    public async Task Without_a_session_every_chat_endpoint_answers_401_and_nothing_is_said()
    {
        await using var factory = new CampaignBotFactory();
        using var stranger = await ChatSession.OpenAsync(factory);

        var say = await stranger.SayAsync("new");
        var click = await stranger.ClickAsync("campaign.show", "x", "m1");
        var events = await stranger.Client.GetAsync("/chat/events");
        var search = await stranger.Client.GetAsync("/chat/search?source=segments&q=loy");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized],
            [say.StatusCode, click.StatusCode, events.StatusCode, search.StatusCode]);
        Assert.Equal(0, factory.Services.GetRequiredService<CampaignBot.Chat.Web.Streams.ChatStreams>().For("maya").Last);
    }

    [Fact]
    public async Task A_post_from_another_origin_is_refused_with_403_and_not_acted_on()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");
        var before = Stream(factory, "maya").Last;

        var foreign = await maya.PostAsync("/chat/say", new { text = "new", key = ChatSession.Key() }, origin: "http://evil.example");
        var missing = await maya.PostAsync("/chat/say", new { text = "new", key = ChatSession.Key() }, origin: null);
        var opaque = await maya.PostAsync("/chat/say", new { text = "new", key = ChatSession.Key() }, origin: "null");
        var foreignRead = new HttpRequestMessage(HttpMethod.Get, "/chat/search?source=segments&q=loy");
        foreignRead.Headers.Add("Origin", "http://evil.example");
        var read = await maya.Client.SendAsync(foreignRead);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            [foreign.StatusCode, missing.StatusCode, opaque.StatusCode, read.StatusCode]);
        await Task.Delay(200);
        Assert.Equal(before, Stream(factory, "maya").Last);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused_with_400_and_not_acted_on()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");
        var before = Stream(factory, "maya").Last;

        var missing = await maya.PostAsync("/chat/say", new { text = "new", key = ChatSession.Key() }, withToken: false);
        var signIn = await maya.PostFormAsync("/chat/session", new() { ["person"] = "ada" }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("anti-forgery token", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.False(signIn.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("campaignbot-chat=", StringComparison.Ordinal)));
        await Task.Delay(200);
        Assert.Equal(before, Stream(factory, "maya").Last);
    }

    [Fact]
    public async Task A_token_from_another_browser_does_not_pass()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");
        using var other = await ChatSession.OpenAsync(factory);

        var response = await maya.PostAsync("/chat/say", new { text = "new", key = ChatSession.Key() }, withToken: false);
        var request = new HttpRequestMessage(HttpMethod.Post, "/chat/say") { Content = System.Net.Http.Json.JsonContent.Create(new { text = "new", key = ChatSession.Key() }) };
        request.Headers.Add("Origin", ChatSession.Origin);
        request.Headers.Add(WebChatSetup.TokenHeader, other.Token);
        var borrowed = await maya.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_strict_and_the_page_never_holds_a_key()
    {
        await using var factory = new CampaignBotFactory();
        using var browser = await ChatSession.OpenAsync(factory);

        var response = await browser.PostFormAsync("/chat/session", new() { ["person"] = "maya" });
        var page = await browser.LoadPageAsync();

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("campaignbot-chat=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/chat", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Signed in as <strong>Maya Marketer</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(CampaignBotFactory.KeyOf("maya"), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");

        var signOut = await maya.PostFormAsync("/chat/session/end", []);
        var after = await maya.SayAsync("help");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Outside_development_without_the_setting_there_is_no_chat()
    {
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?> { ["environment"] = "Production" });
        using var client = factory.CreateClient();

        var page = await client.GetAsync("/chat");
        var events = await client.GetAsync("/chat/events");
        var asset = await client.GetAsync("/chat/assets/chat.js");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [page.StatusCode, events.StatusCode, asset.StatusCode]);
        Assert.False(factory.Services.GetRequiredService<WebChatAvailability>().IsOpen);
    }

    [Fact]
    public async Task The_setting_turns_the_chat_off_in_development_too()
    {
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?> { ["WebChat:Enabled"] = "false" });
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/chat")).StatusCode);
    }

    [Fact]
    public async Task In_production_with_the_setting_people_sign_in_with_their_api_key_and_not_by_picking_a_name()
    {
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?> { ["environment"] = "Production", ["WebChat:Enabled"] = "true" });
        using var browser = await ChatSession.OpenAsync(factory);
        var signInPage = await browser.LoadPageAsync();

        var picked = await browser.PostFormAsync("/chat/session", new() { ["person"] = "ada" });
        var wrongKey = await browser.PostFormAsync("/chat/session", new() { ["apiKey"] = CampaignBotFactory.KeyOf("maya") + "x" });
        var rightKey = await browser.PostFormAsync("/chat/session", new() { ["apiKey"] = CampaignBotFactory.KeyOf("omar") });
        var page = await browser.LoadPageAsync();

        Assert.Contains("name=\"apiKey\"", signInPage, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"person\"", signInPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, picked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Contains("That API key is not known here", await wrongKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, rightKey.StatusCode);
        Assert.Contains("Signed in as <strong>Omar Approver</strong>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(CampaignBotFactory.KeyOf("omar"), page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, (await browser.SayAsync("help")).StatusCode);
    }

    [Fact]
    public async Task The_page_forbids_inline_script_and_framing()
    {
        await using var factory = new CampaignBotFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/chat");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Bad_bodies_get_a_clear_400()
    {
        await using var factory = new CampaignBotFactory();
        using var maya = await ChatSession.SignInAsync(factory, "maya");

        var empty = await maya.PostAsync("/chat/say", new { text = "  ", key = ChatSession.Key() });
        var badKey = await maya.PostAsync("/chat/say", new { text = "help", key = "<b>" });
        var unknown = await maya.PostAsync("/chat/say", new { text = "help", key = ChatSession.Key(), extra = 1 });
        var tooLong = await maya.PostAsync("/chat/say", new { text = new string('x', 2_001), key = ChatSession.Key() });

        Assert.All(new[] { empty, badKey, unknown, tooLong }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("Type something to send.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("at most 2,000 characters", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static CampaignBot.Chat.Web.Streams.PersonStream Stream(CampaignBotFactory factory, string person) =>
        factory.Services.GetRequiredService<CampaignBot.Chat.Web.Streams.ChatStreams>().For(person);
}
