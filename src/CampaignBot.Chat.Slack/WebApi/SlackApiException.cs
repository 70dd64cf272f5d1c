namespace CampaignBot.Chat.Slack.WebApi;

/// <summary>
/// A Web API call answered ok:false (HTTP 200 with an error code, S5), was rate limited past the retries, or failed
/// at the HTTP level ("http_503"). Carries the method and Slack's error code, never the token or the message.
/// </summary>
public sealed class SlackApiException : Exception
{
    public SlackApiException(string method, string error, IReadOnlyList<string>? details = null, TimeSpan? retryAfter = null)
        : base(details is { Count: > 0 } ? $"Slack {method} failed: {error} ({string.Join("; ", details)})" : $"Slack {method} failed: {error}")
    {
        Method = method;
        Error = error;
        Details = details ?? [];
        RetryAfter = retryAfter;
    }

    public string Method { get; }

    /// <summary>Slack's error code, e.g. channel_not_found, invalid_blocks, ratelimited.</summary>
    public string Error { get; }

    /// <summary>response_metadata.messages, e.g. "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text]".</summary>
    public IReadOnlyList<string> Details { get; }

    /// <summary>Set when the call was still rate limited after the bounded retries.</summary>
    public TimeSpan? RetryAfter { get; }
}
