using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Connector;

/// <summary>Sending with the bot's token, and the retries: 429 after Retry-After, 5xx and refused connections with backoff.</summary>
public sealed partial class BotConnectorClient
{
    /// <summary>Tries in all, the first included.</summary>
    public const int MaxAttempts = 4;

    /// <summary>A longer Retry-After is not waited out inline: the caller's work item should be retried later.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    private readonly Lock _jitterLock = new();

    private async Task<JsonObject?> CallAsync(string operation, HttpMethod method, string serviceUrl, string route, JsonObject? body, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        // Refuse before anything is sent: a serviceUrl nobody authenticated would receive our token.
        if (TrustedServiceUrls.BaseUri(serviceUrl) is not { } baseUri || !trusted.IsTrusted(serviceUrl))
        {
            LogUntrusted(logger, operation, serviceUrl);
            throw new BotConnectorException(operation, "untrusted_service_url", "the serviceUrl was not learned from an authenticated activity");
        }

        var uri = new Uri(baseUri, route);
        var withToken = !development.SkipsTokenFor(baseUri);
        var tokenRetried = false;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (withToken)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken).ConfigureAwait(false));
            }

            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException error) when (error.HttpRequestError == HttpRequestError.ConnectionError)
            {
                // Nothing reached the connector, so even a POST is safe to repeat.
                if (attempt >= MaxAttempts)
                {
                    LogFailed(logger, operation, 0, "connection_failed", "-");
                    throw new BotConnectorException($"Bot Connector {operation} failed: could not connect to {baseUri.Authority}", error);
                }

                var backoff = Backoff(attempt);
                LogRetrying(logger, operation, "no connection", backoff.TotalSeconds);
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var correlation = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? values.FirstOrDefault() : null;
                if (response.IsSuccessStatusCode)
                {
                    LogSent(logger, operation, (int)response.StatusCode, correlation ?? "-");
                    return await ReadAsync(response, cancellationToken).ConfigureAwait(false) ?? [];
                }

                if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && withToken && !tokenRetried)
                {
                    // The cached token may have been revoked or the secret rotated: one fresh token, one more try.
                    tokenRetried = true;
                    tokens.Invalidate();
                    attempt--;
                    continue;
                }

                await WaitToRetryAsync(operation, response, attempt, correlation, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits out a retryable status (the caller then tries again); otherwise throws the failure.</summary>
    private async Task WaitToRetryAsync(string operation, HttpResponseMessage response, int attempt, string? correlation, CancellationToken cancellationToken)
    {
        var status = response.StatusCode;
        var retryable = status == HttpStatusCode.TooManyRequests || (int)status >= 500;
        var wait = status == HttpStatusCode.TooManyRequests ? RetryAfter(response) ?? Backoff(attempt) : Backoff(attempt);
        if (!retryable || attempt >= MaxAttempts || wait > MaxRetryAfter)
        {
            var (code, message) = await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
            LogFailed(logger, operation, (int)status, code, correlation ?? "-");
            throw new BotConnectorException(operation, code, message, status, status == HttpStatusCode.TooManyRequests ? wait : null);
        }

        LogRetrying(logger, operation, $"HTTP {(int)status}", wait.TotalSeconds);
        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>1 s, 2 s, 4 s… plus up to 20 % jitter so many senders do not retry in step (T3).</summary>
    private TimeSpan Backoff(int attempt)
    {
        double share;
        lock (_jitterLock)
        {
            share = jitter.NextDouble() * 0.2;
        }

        return FirstBackoff * Math.Pow(2, attempt - 1) * (1 + share);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    private static async Task<JsonObject?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The connector's error body is {error: {code, message}}; a status alone is named http_N.</summary>
    private static async Task<(string Code, string Message)> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var json = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        var error = json?["error"] as JsonObject;
        return (Str(error, "code") ?? $"http_{(int)response.StatusCode}", Str(error, "message") ?? response.ReasonPhrase ?? "no detail");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bot Connector {Operation} answered {Status} (operation {CorrelationId})")]
    private static partial void LogSent(ILogger logger, string operation, int status, string correlationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot Connector {Operation} got {Reason}; retrying after {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, string operation, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Connector {Operation} failed with {Status} {Code} (operation {CorrelationId})")]
    private static partial void LogFailed(ILogger logger, string operation, int status, string code, string correlationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused Bot Connector {Operation} to {ServiceUrl}: not learned from an authenticated activity")]
    private static partial void LogUntrusted(ILogger logger, string operation, string serviceUrl);
}
