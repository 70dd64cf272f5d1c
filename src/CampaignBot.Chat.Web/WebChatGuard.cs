using CampaignBot.App.Users;
using CampaignBot.Chat.Web.Sessions;
using CampaignBot.Core.People;
using Microsoft.AspNetCore.Antiforgery;

namespace CampaignBot.Chat.Web;

/// <summary>
/// The web chat's request checks, as endpoint filters in the order they apply: the request comes from the chat's own
/// page (403 otherwise), then from someone signed in (401), then a post carries the page's anti-forgery token (400).
/// The session cookie is SameSite=Strict as well; the origin check and the token each stop a forged post on their own.
/// </summary>
public static class WebChatGuard
{
    /// <summary>
    /// Refuses a request another site's page made. Browsers name the page's origin on every post (and on a read
    /// made across sites), so a post without one is refused too. Host and port are compared, not the scheme: behind
    /// a proxy that ends TLS the service sees http while the page says https.
    /// </summary>
    public static async ValueTask<object?> SameOrigin(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(next);
        var request = invocation.HttpContext.Request;
        var origin = request.Headers.Origin.ToString();
        var unsafeMethod = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
        var crossSite = request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";
        if (crossSite || (origin.Length == 0 ? unsafeMethod : !IsOwn(origin, request)))
        {
            return TypedResults.Problem(
                "The web chat answers only its own page; this request came from another site.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        return await next(invocation);
    }

    /// <summary>Refuses a request without a live session; the signed-in person is then available to the handler.</summary>
    public static async ValueTask<object?> SignedIn(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocation.HttpContext;
        if (PersonOf(context) is not { } person)
        {
            return TypedResults.Problem("Sign in at /chat first.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        context.Items[typeof(Person)] = person;
        return await next(invocation);
    }

    /// <summary>Refuses a post without the anti-forgery token the page was served with.</summary>
    public static async ValueTask<object?> Token(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(next);
        var context = invocation.HttpContext;
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(
                "The page's anti-forgery token is missing or out of date; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }

        return await next(invocation);
    }

    /// <summary>The signed-in person the <see cref="SignedIn"/> filter found.</summary>
    public static Person Person(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[typeof(Person)] as Person ?? throw new InvalidOperationException("The web chat endpoint runs without the SignedIn filter.");
    }

    /// <summary>The person behind the request's session cookie, as the directory has them now; null when signed out.</summary>
    public static Person? PersonOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sessions = context.RequestServices.GetRequiredService<WebChatSessions>();
        return sessions.PersonOf(context.Request.Cookies[WebChatSessions.CookieName]) is { } id
            ? context.RequestServices.GetRequiredService<UserDirectory>().ById(id)
            : null;
    }

    private static bool IsOwn(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
