using System.Globalization;
using System.Net.Http.Headers;

namespace CampaignBot.Delivery.Connectors.Http;

/// <summary>
/// What a service says is left of its rate limit after a call: <see cref="Remaining"/> more calls of
/// <see cref="Limit"/> until the window resets in <see cref="Reset"/>. Read from the <c>RateLimit-Limit</c>,
/// <c>RateLimit-Remaining</c> and <c>RateLimit-Reset</c> (seconds) headers Klaviyo sends on every answer but a 429
/// (reference/destinations.md §1, rate limits).
/// </summary>
public sealed record ServiceQuota(int Limit, int Remaining, TimeSpan Reset)
{
    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";

    /// <summary>The quota the headers state, or null when any of the three is missing or not a number.</summary>
    public static ServiceQuota? From(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Number(headers, LimitHeader) is { } limit and > 0
            && Number(headers, RemainingHeader) is { } remaining and >= 0
            && Number(headers, ResetHeader) is { } reset and >= 0
            ? new ServiceQuota(limit, Math.Min(remaining, limit), TimeSpan.FromSeconds(reset))
            : null;
    }

    // The first value only: a list ("10, 10;w=1") names the quota closest to running out first.
    private static int? Number(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && values.FirstOrDefault()?.Split(',', ';')[0].Trim() is { } text
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
