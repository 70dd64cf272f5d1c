using System.Diagnostics;

namespace CampaignBot.App.Logging;

/// <summary>
/// The one log line per outbound HTTP call, for every client the service has: method, host, route template
/// (<see cref="OutboundRoute"/>), status and time taken. Never the query, headers or bodies, which carry tokens and
/// customer data. Answers below 400 at Debug; refusals and failures at Information, as the caller decides whether
/// they are a problem and logs that with its own context.
/// </summary>
public sealed partial class OutboundCallLog(ILogger<OutboundCallLog> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var (host, route) = OutboundRoute.Of(request.RequestUri);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            LogAnswered(status < 400 ? LogLevel.Debug : LogLevel.Information, request.Method.Method, host, route, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception e)
        {
            // The type only: an exception's message may quote the URL it was sending to.
            LogFailed(request.Method.Method, host, route, Stopwatch.GetElapsedTime(started).TotalMilliseconds, e.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(Message = "{Method} {Host} {Route} answered {Status} in {Milliseconds:0.0} ms")]
    private partial void LogAnswered(LogLevel level, string method, string host, string route, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Host} {Route} failed after {Milliseconds:0.0} ms ({Failure})")]
    private partial void LogFailed(string method, string host, string route, double milliseconds, string failure);
}
