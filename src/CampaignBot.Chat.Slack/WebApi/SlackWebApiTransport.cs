using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace CampaignBot.Chat.Slack.WebApi;

/// <summary>Sending, the ok:false envelope, and HTTP 429 Retry-After handling for <see cref="SlackWebApi"/>.</summary>
public sealed partial class SlackWebApi
{
    /// <summary>How many times a 429 is waited out before the call fails with "ratelimited".</summary>
    public const int MaxRateLimitRetries = 3;

    /// <summary>A longer Retry-After is not waited out inline: the caller's work item should be retried later instead.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    private const string ResponseUrlMethod = "response_url";

    private async Task<JsonObject> SendAsync(string method, string? channel, string target, JsonObject? body, CancellationToken cancellationToken)
    {
        var isResponseUrl = method == ResponseUrlMethod;
        var token = options.Value.BotToken;
        if (!isResponseUrl && string.IsNullOrWhiteSpace(token))
        {
            // Fail closed: without a token nothing is sent (and nothing half-configured leaks to Slack).
            throw new SlackApiException(method, "not_configured");
        }

        var uri = isResponseUrl ? new Uri(target) : new Uri(new Uri(options.Value.ApiBaseUrl), target);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, uri);
            if (!isResponseUrl)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = RetryAfter(response);
                if (attempt >= MaxRateLimitRetries || wait > MaxRetryAfter)
                {
                    LogFailed(logger, method, channel ?? "", "ratelimited");
                    throw new SlackApiException(method, "ratelimited", retryAfter: wait);
                }

                LogRateLimited(logger, method, channel ?? "", wait.TotalSeconds);
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            return await ReadAsync(method, channel, response, lenient: isResponseUrl, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<JsonObject> ReadAsync(string method, string? channel, HttpResponseMessage response, bool lenient, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            // A response_url may answer with plain "ok"; the Web API always answers JSON.
        }

        string? error = null;
        if (!response.IsSuccessStatusCode)
        {
            error = json?["error"] is JsonValue e && e.TryGetValue<string>(out var code) ? code : $"http_{(int)response.StatusCode}";
        }
        else if (json is null)
        {
            error = lenient ? null : "invalid_response";
        }
        else if (json["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var isOk) ? !isOk : !lenient)
        {
            // The Web API answers HTTP 200 even on failure; ok is what counts (S5).
            error = json["error"] is JsonValue e && e.TryGetValue<string>(out var code) ? code : "unknown_error";
        }

        if (error is null)
        {
            return json ?? [];
        }

        LogFailed(logger, method, channel ?? "", error);
        var details = (json?["response_metadata"]?["messages"] as JsonArray)?
            .Select(m => m is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .OfType<string>()
            .ToList();
        throw new SlackApiException(method, error, details);
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        // Slack sends delta seconds (S5); an HTTP date is honoured too, and a missing header means "soon".
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.FromSeconds(1));
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} failed with {Error} (channel {Channel})")]
    private static partial void LogFailed(ILogger logger, string method, string channel, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Method} rate limited (channel {Channel}); retrying after {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, string method, string channel, double seconds);
}
