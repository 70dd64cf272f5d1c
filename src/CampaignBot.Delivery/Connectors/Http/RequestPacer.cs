namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>One rate limit of a service: at most <see cref="Permits"/> requests in any <see cref="Window"/>.</summary>
public sealed record RateWindow(int Permits, TimeSpan Window);

/// <summary>
/// Queues requests so that no window of the service's limits is ever exceeded (callers wait, nobody fails).
/// It counts over a sliding window, which is stricter than the fixed windows services use. The service counts
/// a request when it arrives, which may be well after it left (a cold connection, a busy machine or server, a
/// large body); the one moment known to be later is when its answer is back. So a request is stamped with that
/// moment, and until then it counts as arriving now, which holds the next ones back while it is in flight.
/// Where the service states its quota in each answer (<see cref="ServiceQuota"/>), that is followed too: our windows
/// only know our own calls, while the service's count also holds other clients of the same account (a private key
/// shares the account's quota) and a tier below the one configured.
/// </summary>
public sealed class RequestPacer
{
    private readonly RateWindow[] _windows;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly List<PacedRequest> _granted = [];
    private readonly int _remember;

    // The service's own word (see Observe): at most _serviceBudget more calls before _serviceResetAt.
    private DateTimeOffset _serviceResetAt = DateTimeOffset.MinValue;
    private int _serviceBudget;

    public RequestPacer(IEnumerable<RateWindow> windows, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(windows);
        _windows = windows.ToArray();
        if (_windows.Any(w => w.Permits < 1 || w.Window <= TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(windows), "Each rate window needs at least one permit and a positive length.");
        }

        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _remember = _windows.Length == 0 ? 0 : _windows.Max(w => w.Permits);
    }

    public IReadOnlyList<RateWindow> Windows => _windows;

    /// <summary>Kept beyond each window for clock granularity only: an answered request's stamp is surely late enough.</summary>
    public static TimeSpan Margin(TimeSpan window) => window * 0.001 + TimeSpan.FromMilliseconds(5);

    // While a request in flight holds the next one back, how often to look whether its answer is in.
    private static readonly TimeSpan InFlightCheck = TimeSpan.FromMilliseconds(10);

    /// <summary>Waits, in arrival order, until one more request fits every window, and counts it.</summary>
    /// <returns>The counted request, to pass to <see cref="Answered"/>.</returns>
    public async ValueTask<PacedRequest?> WaitAsync(CancellationToken cancellationToken)
    {
        if (_windows.Length == 0)
        {
            return null;
        }

        await _queue.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var now = _clock.GetUtcNow();
                var (free, heldByFlight) = FreeAt(now);
                if (free <= now)
                {
                    var request = new PacedRequest { At = now };
                    lock (_granted)
                    {
                        if (now < _serviceResetAt)
                        {
                            _serviceBudget--;
                        }

                        _granted.Add(request);
                        if (_granted.Count > _remember)
                        {
                            _granted.RemoveAt(0);
                        }
                    }

                    return request;
                }

                var wait = free - now;
                await Task.Delay(heldByFlight && wait > InFlightCheck ? InFlightCheck : wait, _clock, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _queue.Release();
        }
    }

    /// <summary>Stamps the request now, when its answer is back (or it failed); only the first call counts.</summary>
    public void Answered(PacedRequest? request)
    {
        if (request is not null)
        {
            lock (_granted)
            {
                if (!request.HasAnswered)
                {
                    request.At = _clock.GetUtcNow();
                    request.HasAnswered = true;
                }
            }
        }
    }

    /// <summary>
    /// Takes in what an answer says is left of the service's quota. When the service has counted more calls than
    /// ours in a window of that size (others share the quota), or its limit is none we pace by (the account's tier
    /// is lower than configured), its word decides: no more than <see cref="ServiceQuota.Remaining"/> calls until
    /// it resets. Otherwise our own windows already hold every call it counted and pace them more finely than
    /// whole seconds of <c>RateLimit-Reset</c> could.
    /// </summary>
    public void Observe(ServiceQuota quota)
    {
        ArgumentNullException.ThrowIfNull(quota);
        var now = _clock.GetUtcNow();
        lock (_granted)
        {
            var ours = _windows.FirstOrDefault(w => w.Permits == quota.Limit) is { } window
                ? _granted.Count(r => r.At > now - window.Window - Margin(window.Window))
                : (int?)null;
            if (ours is { } counted && quota.Limit - quota.Remaining <= counted)
            {
                return;
            }

            var resetAt = now + quota.Reset + Margin(quota.Reset);
            if (resetAt >= _serviceResetAt || quota.Remaining < _serviceBudget)
            {
                // Calls still in flight may not have reached the service's count yet; each spends one of what is left.
                var inFlight = _granted.Count(r => !r.HasAnswered);
                (_serviceResetAt, _serviceBudget) = (resetAt, Math.Max(0, quota.Remaining - inFlight));
            }
        }
    }

    // The earliest instant at which the permits-th most recent request has left every window; requests still in
    // flight count as arriving now, and whether one of them is what holds the next request back.
    private (DateTimeOffset Free, bool HeldByFlight) FreeAt(DateTimeOffset now)
    {
        (DateTimeOffset At, bool InFlight)[] stamps;
        lock (_granted)
        {
            stamps = _granted.Select(r => r.HasAnswered ? (r.At, false) : (now > r.At ? now : r.At, true)).OrderBy(s => s.Item1).ToArray();
        }

        var free = DateTimeOffset.MinValue;
        var heldByFlight = false;
        lock (_granted)
        {
            if (now < _serviceResetAt && _serviceBudget <= 0)
            {
                free = _serviceResetAt;
            }
        }

        foreach (var window in _windows)
        {
            if (stamps.Length >= window.Permits)
            {
                var (at, inFlight) = stamps[^window.Permits];
                var leaves = at + window.Window + Margin(window.Window);
                if (leaves > free)
                {
                    (free, heldByFlight) = (leaves, inFlight);
                }
            }
        }

        return (free, heldByFlight);
    }
}

/// <summary>One request the pacer let through: when it left, then when its answer came back.</summary>
public sealed class PacedRequest
{
    public DateTimeOffset At { get; internal set; }

    internal bool HasAnswered { get; set; }
}
