namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>The failures a fake can inject into an answer.</summary>
public enum Fault
{
    /// <summary>429 with Retry-After.</summary>
    TooManyRequests,

    /// <summary>503.</summary>
    ServerError,

    /// <summary>The request is carried out, but the answer comes after <see cref="FaultPlan.SlowBy"/> (beyond the client's try timeout).</summary>
    Slow,

    /// <summary>The service's own throttling signal (Meta: a Graph error code 4, 17, 613 or 80004 in a 400 body; Klaviyo: 429; TikTok: code 40100 in a 200).</summary>
    Throttled,
}

/// <summary>
/// Which requests a fake spoils and how, deterministically: first the <see cref="Script"/> in order, then a
/// seeded draw at <see cref="Rate"/>. <see cref="Revoked"/> and <see cref="Outage"/> switch on a lasting state.
/// </summary>
public sealed class FaultPlan
{
    public int Seed { get; init; } = 20261123;

    /// <summary>The share of matching requests that get one of <see cref="Faults"/>.</summary>
    public double Rate { get; init; }

    public IReadOnlyList<Fault> Faults { get; init; } = [];

    /// <summary>Faults for the first matching requests, one each, before any random ones.</summary>
    public IReadOnlyList<Fault> Script { get; init; } = [];

    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan SlowBy { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Which requests may be spoiled ("POST /api/lists"); all when null.</summary>
    public Func<string, string, bool>? Applies { get; init; }

    /// <summary>The key, token or client secret has been revoked: every request is refused (Klaviyo 401, Meta 190, TikTok 40105, Criteo 401 invalid_client).</summary>
    public bool Revoked { get; set; }

    /// <summary>The service is down: every request gets 503.</summary>
    public bool Outage { get; set; }

    /// <summary>
    /// Every authenticated request is refused with this code of the service's own (TikTok: the envelope code, e.g. 40001
    /// no permission, 40062 unhashed identifiers), for refusals a well-behaved client cannot provoke. Only FakeTikTok reads it.
    /// </summary>
    public int? RefuseWith { get; set; }
}

/// <summary>Draws the faults of one plan, one request at a time, and counts what it injected.</summary>
public sealed class FaultInjector(FaultPlan plan)
{
    private readonly Random _random = new(plan.Seed);
    private readonly Dictionary<Fault, int> _injected = [];
    private readonly Lock _lock = new();
    private int _scripted;

    public FaultPlan Plan => plan;

    public Fault? Next(string method, string path)
    {
        if (plan.Applies is { } applies && !applies(method, path))
        {
            return null;
        }

        lock (_lock)
        {
            Fault? fault = _scripted < plan.Script.Count ? plan.Script[_scripted++]
                : plan.Faults.Count > 0 && _random.NextDouble() < plan.Rate ? plan.Faults[_random.Next(plan.Faults.Count)]
                : null;
            if (fault is { } f)
            {
                _injected[f] = _injected.GetValueOrDefault(f) + 1;
            }

            return fault;
        }
    }

    public int Injected(Fault fault)
    {
        lock (_lock)
        {
            return _injected.GetValueOrDefault(fault);
        }
    }
}
