namespace CampaignBot.Chat.Slack.WebApi;

/// <summary>
/// Spaces chat.postMessage calls per channel. Slack allows about 1 message per second per channel with short
/// bursts (S5; api.slack.com/apis/rate-limits, java-slack-sdk MethodsRateLimits "special tier"), so a channel gets
/// <see cref="Burst"/> immediate posts, then one per <see cref="Interval"/> (a GCRA token bucket).
/// </summary>
public sealed class SlackChannelPacer(TimeProvider time, int burst = 3, TimeSpan? interval = null)
{
    private readonly Dictionary<string, DateTimeOffset> _nextFree = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int Burst { get; } = burst >= 1 ? burst : throw new ArgumentOutOfRangeException(nameof(burst));

    public TimeSpan Interval { get; } = interval ?? TimeSpan.FromSeconds(1);

    /// <summary>Reserves the channel's next slot and returns how long to wait for it (zero when it is free now).</summary>
    public TimeSpan Reserve(string channel)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        var tolerance = Interval * (Burst - 1);
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_nextFree.Count > 10_000)
            {
                // Channels idle for longer than a full burst have no state worth keeping.
                foreach (var idle in _nextFree.Where(c => c.Value <= now).Select(c => c.Key).ToList())
                {
                    _nextFree.Remove(idle);
                }
            }

            var theoretical = _nextFree.TryGetValue(channel, out var next) && next > now ? next : now;
            var sendAt = theoretical - tolerance > now ? theoretical - tolerance : now;
            _nextFree[channel] = theoretical + Interval;
            return sendAt - now;
        }
    }

    public async Task WaitTurnAsync(string channel, CancellationToken cancellationToken)
    {
        var wait = Reserve(channel);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
