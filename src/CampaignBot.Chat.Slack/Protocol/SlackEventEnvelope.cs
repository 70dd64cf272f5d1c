using System.Text.Json;

namespace CampaignBot.Chat.Slack.Protocol;

/// <summary>What the Events API posts (S2): a url_verification handshake, an event_callback, or a type we do not handle.</summary>
public abstract record SlackEventEnvelope
{
    private protected SlackEventEnvelope()
    {
    }

    public static SlackParseResult<SlackEventEnvelope> Parse(ReadOnlySpan<byte> jsonBody)
    {
        try
        {
            using var document = JsonDocument.Parse(jsonBody.ToArray());
            return FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            return SlackParseResult<SlackEventEnvelope>.Fail("body is not valid JSON");
        }
        catch (InvalidOperationException)
        {
            // JsonDocument checks a string only when it is read: invalid UTF-8 or an escaped lone surrogate fails there.
            return SlackParseResult<SlackEventEnvelope>.Fail("body holds a string that is not valid Unicode");
        }
    }

    private static SlackParseResult<SlackEventEnvelope> FromJson(JsonElement root)
    {
        switch (root.Str("type"))
        {
            case "url_verification" when root.Str("challenge") is { Length: > 0 } challenge:
                return SlackParseResult<SlackEventEnvelope>.Ok(new SlackUrlVerification(challenge));
            case "url_verification":
                return SlackParseResult<SlackEventEnvelope>.Fail("url_verification without challenge");
            case "event_callback":
                return Callback(root);
            case { Length: > 0 } other:
                return SlackParseResult<SlackEventEnvelope>.Ok(new SlackOtherEnvelope(other));
            default:
                return SlackParseResult<SlackEventEnvelope>.Fail("envelope without type");
        }
    }

    private static SlackParseResult<SlackEventEnvelope> Callback(JsonElement root)
    {
        var eventId = root.Str("event_id");
        var inner = root.Obj("event");
        var type = inner.Str("type");
        if (string.IsNullOrEmpty(eventId) || string.IsNullOrEmpty(type))
        {
            return SlackParseResult<SlackEventEnvelope>.Fail("event_callback without event_id or event.type");
        }

        var slackEvent = new SlackEvent(
            type,
            inner.Str("user") ?? "",
            inner.Str("channel") ?? "",
            inner.Str("channel_type") ?? "",
            SlackMarkup.ToPlainText(inner.Str("text")),
            inner.Str("ts") ?? "",
            inner.Str("thread_ts") ?? "",
            inner.Str("bot_id") ?? "",
            inner.Str("subtype") ?? "");
        return SlackParseResult<SlackEventEnvelope>.Ok(new SlackEventCallback(eventId, root.Str("team_id") ?? "", slackEvent));
    }
}

/// <summary>Slack checks the endpoint by asking it to echo <paramref name="Challenge"/> (after signature verification).</summary>
public sealed record SlackUrlVerification(string Challenge) : SlackEventEnvelope;

public sealed record SlackEventCallback(string EventId, string TeamId, SlackEvent Event) : SlackEventEnvelope;

/// <summary>An envelope type we acknowledge but do not act on (e.g. app_rate_limited).</summary>
public sealed record SlackOtherEnvelope(string Type) : SlackEventEnvelope;

/// <summary>
/// The inner event of an event_callback (app_mention, message, …). Absent fields are empty strings. <see cref="Text"/>
/// is plain text (see <see cref="SlackMarkup"/>): a mention of the bot reads "@U0BOT".
/// </summary>
public sealed record SlackEvent(
    string Type,
    string User,
    string Channel,
    string ChannelType,
    string Text,
    string Ts,
    string ThreadTs,
    string BotId,
    string Subtype)
{
    /// <summary>Our own (or another bot's) message: acting on it could loop (S2, "Bot loops").</summary>
    public bool IsFromBot => BotId.Length > 0 || Subtype == "bot_message";
}
