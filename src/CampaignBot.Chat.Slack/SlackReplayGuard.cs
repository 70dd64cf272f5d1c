namespace CampaignBot.Chat.Slack;

/// <summary>
/// Remembers recently seen events so a redelivery is processed once (S2). Slack retries an unacknowledged delivery
/// up to 3 times, the last about 5 minutes after the original, so ids are kept for 10 minutes: a 5-minute TTL
/// would race the last retry. Message events are also keyed by (channel, ts) because Slack has sent the same
/// message twice under different event_ids, and a mention arrives both as app_mention and as message: one post is
/// one inbound whatever the event type. Retries are not dropped just for carrying X-Slack-Retry-Num: the
/// original may never have arrived.
/// </summary>
public sealed class SlackReplayGuard(TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    /// <summary>A hard cap on remembered keys; Slack's 30,000 events/hour/workspace limit is ~5,000 per TTL.</summary>
    public const int MaxEntries = 100_000;

    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset Expires)> _order = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                Sweep(time.GetUtcNow());
                return _expiries.Count;
            }
        }
    }

    /// <summary>True the first time this event is seen within the TTL; false for a duplicate.</summary>
    public bool TryAccept(SlackEventCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var slackEvent = callback.Event;
        var messageKey = slackEvent.Type is "message" or "app_mention" && slackEvent.Channel.Length > 0 && slackEvent.Ts.Length > 0
            ? $"msg:{slackEvent.Channel}:{slackEvent.Ts}"
            : null;
        return TryAccept($"evt:{callback.EventId}", messageKey);
    }

    /// <summary>
    /// True the first time this click is seen within the TTL. Interactivity payloads carry no event_id, and a replayed
    /// or redelivered click must not act or answer twice; the (user, action_id, action_ts) of its first action names one
    /// click, and a payload without an action_ts falls back to the hash of its exact signed bytes.
    /// </summary>
    public bool TryAccept(SlackInteraction interaction, ReadOnlySpan<byte> signedBody)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        var key = interaction.Actions is [{ ActionTs.Length: > 0 } action, ..]
            ? $"act:{interaction.UserId}:{action.ActionId}:{action.ActionTs}"
            : $"body:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(signedBody))}";
        return TryAccept(key, null);
    }

    /// <summary>True the first time <paramref name="eventId"/> is seen within the TTL.</summary>
    public bool TryAccept(string eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return TryAccept($"evt:{eventId}", null);
    }

    private bool TryAccept(string key, string? secondaryKey)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Sweep(now);
            if (_expiries.ContainsKey(key) || (secondaryKey is not null && _expiries.ContainsKey(secondaryKey)))
            {
                return false;
            }

            Remember(key, now + Ttl);
            if (secondaryKey is not null)
            {
                Remember(secondaryKey, now + Ttl);
            }

            return true;
        }
    }

    private void Remember(string key, DateTimeOffset expires)
    {
        _expiries[key] = expires;
        _order.Enqueue((key, expires));
    }

    // Entries expire in insertion order (constant TTL), so sweeping stops at the first live one.
    private void Sweep(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && (oldest.Expires <= now || _order.Count > MaxEntries))
        {
            _order.Dequeue();
            if (_expiries.TryGetValue(oldest.Key, out var expires) && expires == oldest.Expires)
            {
                _expiries.Remove(oldest.Key);
            }
        }
    }
}
