using System.Globalization;

namespace CampaignBot.Core.CrossCampaign;

/// <summary>At most <see cref="MaxDeliveries"/> deliveries on <see cref="Channel"/> to one customer within any <see cref="Window"/>.</summary>
public sealed record FrequencyCap(string Channel, int MaxDeliveries, TimeSpan Window)
{
    /// <summary>The start of the window that ends at <paramref name="now"/>: sends after it count against the cap.</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now) => now - Window;

    /// <summary>"email cap: 2 deliveries in 7 days".</summary>
    public override string ToString() =>
        $"{Channel} cap: {Count(MaxDeliveries, "delivery", "deliveries")} in {Duration(Window)}";

    /// <summary>"7 days", "36 hours", "90 minutes": the largest whole unit the window is made of.</summary>
    public static string Duration(TimeSpan window) =>
        window.Ticks % TimeSpan.TicksPerDay == 0 ? Count((int)window.TotalDays, "day", "days")
        : window.Ticks % TimeSpan.TicksPerHour == 0 ? Count((int)window.TotalHours, "hour", "hours")
        : window.Ticks % TimeSpan.TicksPerMinute == 0 ? Count((int)window.TotalMinutes, "minute", "minutes")
        : window.ToString("c", CultureInfo.InvariantCulture);

    private static string Count(int count, string one, string many) => $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";
}

/// <summary>The configured caps, by channel; channels without a cap are not capped.</summary>
public sealed class FrequencyCaps(IReadOnlyList<FrequencyCap> caps)
{
    public static FrequencyCaps None { get; } = new([]);

    public IReadOnlyList<FrequencyCap> All => caps;

    /// <summary>The cap on <paramref name="channel"/>, or null when it has none (or the destination has no channel).</summary>
    public FrequencyCap? For(string? channel) =>
        channel is null ? null : caps.FirstOrDefault(c => string.Equals(c.Channel, channel, StringComparison.OrdinalIgnoreCase));
}
