using System.Globalization;
using System.Text.RegularExpressions;

namespace CampaignBot.Core.Scheduling;

/// <summary>Reads the times people type: ISO instants, local date-times in the campaign's zone, and "HH:mm".</summary>
internal static partial class WallClockText
{
    private static readonly string[] LocalFormats =
        ["yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"];

    private static readonly string[] TimeFormats = ["HH:mm", "H:mm"];

    public const string InstantHelp =
        "write a date and time such as 2026-12-01 09:00 (in the campaign's time zone) or an ISO instant such as 2026-12-01T17:00:00Z";

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>Parses an instant; text without an offset is read as wall time in <paramref name="zone"/>.</summary>
    public static InstantText ParseInstant(string text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        var trimmed = text.Trim();
        instant = default;
        if (HasOffset().IsMatch(trimmed))
        {
            return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant)
                ? InstantText.Read
                : InstantText.Unreadable;
        }

        if (!DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return InstantText.Unreadable;
        }

        return ZonedTime.TryToInstant(local, zone, out instant) ? InstantText.Read : InstantText.SkippedByClockChange;
    }

    public static string Describe(DateTimeOffset instant, TimeZoneInfo zone) =>
        $"{ZonedTime.ToLocal(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {zone.Id}";

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();
}

internal enum InstantText
{
    Read,
    Unreadable,

    /// <summary>A wall time that never happens, such as 02:30 on a spring-forward night.</summary>
    SkippedByClockChange,
}
