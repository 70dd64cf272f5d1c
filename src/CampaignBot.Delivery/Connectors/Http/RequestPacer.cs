namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>One rate limit of a service: at most <see cref="Permits"/> requests in any <see cref="Window"/>.</summary>
public sealed record RateWindow(int Permits, TimeSpan Window);

/// <summary>
/// Queues requests so that no window of the service's limits is ever exceeded (callers wait, nobody fails).
/// It counts over a sliding window, which is stricter than the fixed windows services use, and adds a small
/// margin because the service stamps requests when they arrive, a little after they leave. A request that
/// left late (a cold connection, a busy machine) is re-stamped once it has surely arrived (its body sent, or
/// its answer back), so the next ones keep their distance from when it really arrived.
/// </summary>
public sealed class RequestPacer
{
    private readonly RateWindow[] _windows;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly List<PacedRequest> _granted = [];
    private readonly int _remember;

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

    public static TimeSpan Margin(TimeSpan window) => window * 0.02 + TimeSpan.FromMilliseconds(25);

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
                var free = FreeAt();
                if (free <= now)
                {
                    var request = new PacedRequest { At = now };
                    lock (_granted)
                    {
                        _granted.Add(request);
                        if (_granted.Count > _remember)
                        {
                            _granted.RemoveAt(0);
                        }
                    }

                    return request;
                }

                await Task.Delay(free - now, _clock, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _queue.Release();
        }
    }

    /// <summary>Moves the request's stamp to now, when it has surely reached the service; only the first call counts.</summary>
    public void Arrived(PacedRequest? request)
    {
        if (request is not null)
        {
            lock (_granted)
            {
                if (!request.HasArrived)
                {
                    request.At = _clock.GetUtcNow();
                    request.HasArrived = true;
                }
            }
        }
    }

    // The earliest instant at which the permits-th most recent request has left every window.
    private DateTimeOffset FreeAt()
    {
        DateTimeOffset[] stamps;
        lock (_granted)
        {
            stamps = _granted.Select(r => r.At).Order().ToArray();
        }

        var free = DateTimeOffset.MinValue;
        foreach (var window in _windows)
        {
            if (stamps.Length >= window.Permits)
            {
                var leaves = stamps[^window.Permits] + window.Window + Margin(window.Window);
                free = leaves > free ? leaves : free;
            }
        }

        return free;
    }
}

/// <summary>One request the pacer let through, stamped with when it may have reached the service.</summary>
public sealed class PacedRequest
{
    public DateTimeOffset At { get; internal set; }

    internal bool HasArrived { get; set; }
}
