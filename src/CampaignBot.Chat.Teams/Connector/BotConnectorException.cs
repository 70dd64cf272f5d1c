using System.Net;

namespace CampaignBot.Chat.Teams.Connector;

/// <summary>
/// A Bot Connector call that did not succeed: refused before sending (untrusted serviceUrl, not configured), no token,
/// or an error status after the bounded retries. <see cref="Code"/> is the connector's error code when it sent one
/// (e.g. MessageWritesBlocked when a person blocked the bot).
/// </summary>
public sealed class BotConnectorException : Exception
{
    public BotConnectorException(string operation, string code, string message, HttpStatusCode? status = null, TimeSpan? retryAfter = null)
        : base($"Bot Connector {operation} failed: {code} ({message})")
    {
        Operation = operation;
        Code = code;
        Status = status;
        RetryAfter = retryAfter;
    }

    public BotConnectorException()
        : this("call", "unknown", "no detail")
    {
    }

    public BotConnectorException(string message)
        : this("call", "unknown", message)
    {
    }

    /// <summary>The connector could not be reached at all.</summary>
    public BotConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "call";
        Code = "connection_failed";
    }

    public string Operation { get; }

    public string Code { get; }

    public HttpStatusCode? Status { get; }

    /// <summary>Set when the connector kept answering 429: when to try the work again.</summary>
    public TimeSpan? RetryAfter { get; }
}
