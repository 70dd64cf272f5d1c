using CampaignBot.App.Users;
using CampaignBot.Chat.Web.Rendering;
using CampaignBot.Chat.Web.Sessions;
using CampaignBot.Chat.Web.Streams;
using CampaignBot.Conversations;
using CampaignBot.Conversations.Inbound;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.People;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CampaignBot.Chat.Web;

/// <summary>
/// The web chat: the page, sign-in and sign-out, the person's posts (typed text, clicks, form submissions), type-ahead
/// and the live stream. Typed text and clicks are queued on the inbound pipeline like any channel's and answered on
/// the stream; a form submission is answered at once, so field errors come back beside the fields in the response.
/// Mapped only where the web chat is open; elsewhere /chat is 404.
/// </summary>
public static class WebChatEndpoints
{
    /// <summary>A form submission's answer waits at most this long; the page then says to try again.</summary>
    private static readonly TimeSpan SubmissionBudget = TimeSpan.FromSeconds(20);

    public static IEndpointRouteBuilder MapWebChat(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        if (!routes.ServiceProvider.GetRequiredService<WebChatAvailability>().IsOpen)
        {
            return routes;
        }

        var chat = routes.MapGroup("/chat").ExcludeFromDescription().DisableAntiforgery();
        chat.MapGet("", Page);
        chat.MapGet("/assets/{name}", WebChatAssets.Serve);
        chat.MapPost("/session", SignInAsync).AddEndpointFilter(WebChatGuard.SameOrigin).AddEndpointFilter(WebChatGuard.Token);

        var signedIn = chat.MapGroup("").AddEndpointFilter(WebChatGuard.SameOrigin).AddEndpointFilter(WebChatGuard.SignedIn);
        signedIn.MapGet("/events", EventsAsync);
        signedIn.MapGet("/search", SearchAsync);
        var posts = signedIn.MapGroup("").AddEndpointFilter(WebChatGuard.Token);
        posts.MapPost("/session/end", SignOut);
        posts.MapPost("/say", SayAsync);
        posts.MapPost("/click", ClickAsync);
        posts.MapPost("/submit", SubmitAsync);
        posts.MapPost("/dismiss", DismissAsync);
        WebChatAddresses.LogOnStart(routes.ServiceProvider);
        return routes;
    }

    private static ContentHttpResult Page(HttpContext context, IAntiforgery antiforgery, UserDirectory people, WebChatAvailability availability)
    {
        var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
        var html = WebChatGuard.PersonOf(context) is { } person
            ? ChatPage.Chat(token, person)
            : ChatPage.SignIn(token, availability.OffersPicker ? [.. people.People] : null, problem: null);
        return Html(context, html, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, UserDirectory people, WebChatAvailability availability, WebChatSessions sessions, ChatStreams streams,
        InboundPipeline pipeline, WebReplies replies)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var picked = form["person"].ToString();
        var (person, problem) = picked.Length > 0
            ? availability.OffersPicker ? (people.ById(picked), "Pick one of the people listed.") : (null, "Sign in with your API key.")
            : form["apiKey"].ToString().Trim() is { Length: > 0 } key
                ? (people.ByApiKey(key), "That API key is not known here; check it with your admin.")
                : (null, "Type your API key to sign in.");
        if (person is null)
        {
            var token = antiforgery.GetAndStoreTokens(context).RequestToken!;
            return Html(context, ChatPage.SignIn(token, availability.OffersPicker ? [.. people.People] : null, problem), StatusCodes.Status401Unauthorized);
        }

        context.Response.Cookies.Append(WebChatSessions.CookieName, sessions.Start(person.Id), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/chat",
            IsEssential = true,
        });

        // Someone new to the chat is greeted with what they can do.
        if (streams.FirstVisit(person.Id))
        {
            pipeline.Accept(Inbound(person, new InboundContent.Text("help")), (reply, _) => Task.FromResult(replies.Deliver(person.Id, reply, origin: null)));
        }

        return TypedResults.Redirect("/chat");
    }

    private static RedirectHttpResult SignOut(HttpContext context, WebChatSessions sessions)
    {
        sessions.End(context.Request.Cookies[WebChatSessions.CookieName]);
        context.Response.Cookies.Delete(WebChatSessions.CookieName, new CookieOptions { Path = "/chat", SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps });
        return TypedResults.Redirect("/chat");
    }

    private static Task EventsAsync(HttpContext context, ChatStreams streams, WebChatSessions sessions, TimeProvider clock) =>
        EventStream.WriteAsync(context, WebChatGuard.Person(context), streams, sessions, clock);

    private static async Task<Ok<Choice[]>> SearchAsync(HttpContext context, InboundPipeline pipeline, string? source, string? q)
    {
        var person = WebChatGuard.Person(context);
        var choices = await pipeline.SearchAsync(ChatChannels.Web, person.Id, Conversation(person), source ?? "", q ?? "", context.RequestAborted);
        return TypedResults.Ok(choices.ToArray());
    }

    private static async Task<IResult> SayAsync(HttpContext context, InboundPipeline pipeline, WebReplies replies)
    {
        var (say, problem) = await ChatRequests.ReadAsync<SayRequest>(context);
        if (say is null || problem is not null)
        {
            return BadRequest(problem);
        }

        var person = WebChatGuard.Person(context);
        var text = say.Text.Trim();
        var echo = $"said-{say.Key}";
        // Echoed with its answer, under the id the page already shows it with, so a retried send shows once.
        return Accepted(pipeline.Accept(
            Inbound(person, new InboundContent.Text(text), say.Key),
            (reply, _) => Task.FromResult(replies.Deliver(person.Id, reply, origin: null, said: (echo, text)))));
    }

    private static async Task<IResult> ClickAsync(HttpContext context, InboundPipeline pipeline, WebReplies replies)
    {
        var (click, problem) = await ChatRequests.ReadAsync<ClickRequest>(context);
        if (click is null || problem is not null)
        {
            return BadRequest(problem);
        }

        var person = WebChatGuard.Person(context);
        return Accepted(pipeline.Accept(
            Inbound(person, new InboundContent.Click(click.Action, click.Value), click.Key),
            (reply, _) => Task.FromResult(replies.Deliver(person.Id, reply, click.Message))));
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, InboundPipeline pipeline, WebReplies replies)
    {
        var (submit, problem) = await ChatRequests.ReadAsync<SubmitRequest>(context);
        if (submit is null || problem is not null)
        {
            return BadRequest(problem);
        }

        var person = WebChatGuard.Person(context);
        var form = new FormSubmission(
            submit.FormId, submit.State, submit.Values.ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Value, StringComparer.Ordinal));
        InboundContent content = submit.Action is { Length: > 0 } action
            ? new InboundContent.FormClick(action, submit.Value ?? "", form)
            : new InboundContent.Submit(form);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        budget.CancelAfter(SubmissionBudget);
        ChatReply reply;
        try
        {
            reply = await pipeline.AnswerNowAsync(Inbound(person, content), budget.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            return TypedResults.Problem(
                "CampaignBot took too long to answer this form; nothing was lost, please submit it again.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
        }

        var errors = replies.Deliver(person.Id, reply, submit.Message);
        return TypedResults.Ok(new SubmitAnswer(errors ?? new Dictionary<string, string>()));
    }

    private static async Task<IResult> DismissAsync(HttpContext context, WebReplies replies)
    {
        var (dismiss, problem) = await ChatRequests.ReadAsync<DismissRequest>(context);
        if (dismiss is null || problem is not null)
        {
            return BadRequest(problem);
        }

        replies.Close(WebChatGuard.Person(context).Id, dismiss.Message, WebReplies.FormClosed);
        return TypedResults.Accepted((string?)null);
    }

    private static InboundMessage Inbound(Person person, InboundContent content, string? key = null) =>
        new(ChatChannels.Web, person.Id, Conversation(person), content, key is null ? null : $"web:{person.Id}:{key}");

    // Each person's chat with the bot is a conversation of its own.
    private static string Conversation(Person person) => $"chat:{person.Id}";

    private static IResult Accepted(InboundAcceptance acceptance) => acceptance == InboundAcceptance.Busy
        ? TypedResults.Problem("CampaignBot is very busy right now; please try again in a minute.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy")
        : TypedResults.Accepted((string?)null);

    private static ProblemHttpResult BadRequest(string? problem) =>
        TypedResults.Problem(problem ?? "The request could not be read.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    private static ContentHttpResult Html(HttpContext context, string html, int status)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ChatPage.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Not "no-referrer": under it browsers send "Origin: null" with the page's own form posts, which the origin check refuses.
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: status);
    }

    /// <summary>A form's answer: errors by field id, shown beside each field; empty when the form moved on (its next look is on the stream).</summary>
    internal sealed record SubmitAnswer(IReadOnlyDictionary<string, string> Errors);
}
