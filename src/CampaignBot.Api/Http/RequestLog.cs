using System.Diagnostics;
using Microsoft.AspNetCore.Routing;

namespace CampaignBot.Api.Http;

/// <summary>
/// One structured line per API request: the route template (never the raw path or query, which can hold names),
/// the status, the time taken, the caller's person id and the request id. No bodies, no keys.
/// </summary>
public sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var route = "(no route)";
        var caller = "anonymous";
        // Logged once the answer is complete: a request that throws gets its status (400, 413, 500) only from the
        // exception handler further out.
        context.Response.OnCompleted(() =>
        {
            LogRequest(context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, caller, context.TraceIdentifier);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            // Read on the way out, before the exception handler clears the endpoint.
            route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? route;
            caller = context.User.Identity is PersonIdentity identity ? identity.Person.Id : caller;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "API {Method} {Route} answered {Status} in {Milliseconds:0.0} ms for {Caller} (request {RequestId})")]
    private partial void LogRequest(string method, string route, int status, double milliseconds, string caller, string requestId);
}
