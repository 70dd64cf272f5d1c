using System.Globalization;

namespace CampaignBot.Delivery.Connectors.Files;

/// <summary>Reads an HTTP Retry-After header (RFC 9110 §10.2.3): delay seconds, or a date to wait until.</summary>
public static class RetryAfter
{
    public static TimeSpan? Parse(string? header, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (int.TryParse(header.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParseExact(header.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var until)
            ? until - clock.GetUtcNow() is { Ticks: > 0 } wait ? wait : TimeSpan.Zero
            : null;
    }
}
