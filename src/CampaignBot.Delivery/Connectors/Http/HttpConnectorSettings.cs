using CampaignBot.Core.Destinations;

namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>
/// How an HTTP connector talks to its service. Defaults suit large uploads over the internet; each may be
/// set per destination instance (tests use small ones).
/// </summary>
public sealed record HttpConnectorSettings
{
    public required Uri BaseAddress { get; init; }

    /// <summary>One try; a 5 MB upload over a slow link needs well over the usual 10 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>All tries of one request, including waits for the rate limits and for Retry-After.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>The first backoff, doubled with jitter on each retry when the service gives no Retry-After.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A longer Retry-After is not waited out inside the call: the batch goes back to the run pipeline as
    /// transient, which checkpoints and waits, so a long pause survives a restart.
    /// </summary>
    public TimeSpan LongestInlineWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Failed tries (server errors, timeouts) within the sampling period before the circuit may open.</summary>
    public int BreakerMinimumThroughput { get; init; } = 8;

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The settings of <paramref name="instance"/>, over the service's defaults.</summary>
    public static HttpConnectorSettings For(DestinationInstance instance, string defaultBaseAddress)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var defaults = new HttpConnectorSettings { BaseAddress = new Uri(defaultBaseAddress) };
        var endpoint = string.IsNullOrWhiteSpace(instance.Endpoint) ? defaultBaseAddress : instance.Endpoint;
        return defaults with
        {
            // A trailing slash keeps the path of the base address when relative paths are resolved against it.
            BaseAddress = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/"),
            AttemptTimeout = instance.AttemptTimeout ?? defaults.AttemptTimeout,
            TotalTimeout = instance.TotalTimeout ?? defaults.TotalTimeout,
            RetryDelay = instance.RetryDelay ?? defaults.RetryDelay,
        };
    }
}
