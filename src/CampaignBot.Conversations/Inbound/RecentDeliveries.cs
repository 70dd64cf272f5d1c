namespace CampaignBot.Conversations.Inbound;

/// <summary>
/// Remembers recent deliveries by the keys channels give them, so a redelivered request is acted on and answered
/// once. Channels redeliver what they think was lost for several minutes (the last retry can come 5 minutes after
/// the original), so keys are kept for 10 minutes: a shorter window would race the last redelivery. A
/// delivery may carry a second key when the channel can send one request under two names.
/// </summary>
public sealed class RecentDeliveries(TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    /// <summary>A hard cap on remembered keys: well above what any channel's rate limits let through in one TTL.</summary>
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

    /// <summary>True the first time <paramref name="key"/> (or <paramref name="secondKey"/>) is seen within the TTL; false for a redelivery.</summary>
    public bool TryAccept(string key, string? secondKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Sweep(now);
            if (_expiries.ContainsKey(key) || (secondKey is not null && _expiries.ContainsKey(secondKey)))
            {
                return false;
            }

            Remember(key, now + Ttl);
            if (secondKey is not null)
            {
                Remember(secondKey, now + Ttl);
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
