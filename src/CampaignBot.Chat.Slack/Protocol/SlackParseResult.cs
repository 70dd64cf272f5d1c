using System.Diagnostics.CodeAnalysis;

namespace CampaignBot.Chat.Slack.Protocol;

/// <summary>A parsed inbound payload, or why it could not be parsed (for logs; never contains the payload itself).</summary>
public sealed record SlackParseResult<T>
    where T : class
{
    private SlackParseResult(T? value, string? error) => (Value, Error) = (value, error);

    public T? Value { get; }

    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Value is not null;

    public static SlackParseResult<T> Ok(T value) => new(value, null);

    public static SlackParseResult<T> Fail(string error) => new(null, error);
}
