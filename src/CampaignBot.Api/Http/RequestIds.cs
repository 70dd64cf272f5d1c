using System.Text.RegularExpressions;

namespace CampaignBot.Api.Http;

/// <summary>
/// Every response carries <c>X-Request-Id</c>, and every problem its <c>requestId</c>, so a caller can quote it and an
/// operator find the log lines. A caller's own id is kept when it is a plain token.
/// </summary>
public sealed partial class RequestIds(RequestDelegate next)
{
    public const string Header = "X-Request-Id";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var given = context.Request.Headers[Header].ToString();
        if (PlainToken().IsMatch(given))
        {
            context.TraceIdentifier = given;
        }

        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = context.TraceIdentifier;
            return Task.CompletedTask;
        });
        return next(context);
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex PlainToken();
}
