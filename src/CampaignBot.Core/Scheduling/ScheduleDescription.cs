using System.Globalization;

namespace CampaignBot.Core.Scheduling;

/// <summary>One line that tells a person when a schedule runs, in the campaign's wall time, e.g. "Daily at 09:00 (UTC)".</summary>
public static class ScheduleDescription
{
    public static string Describe(CampaignSchedule schedule, DateTimeOffset anchor)
    {
        var zone = schedule.TimeZone.Id;
        var local = ZonedTime.ToLocal(anchor, schedule.TimeZone);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return schedule.Cadence switch
        {
            null when schedule.LaunchesAsap => "Once, as soon as approved",
            null => $"Once at {local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zone})",
            Cadence.Daily => $"Daily at {time} ({zone})",
            Cadence.Weekly => $"Every {CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(local.DayOfWeek)} at {time} ({zone})",
            Cadence.Monthly => $"Monthly on day {local.Day.ToString(CultureInfo.InvariantCulture)} at {time} ({zone}){ShortMonths(local)}",
            Cadence.Quarterly =>
                $"Quarterly on day {local.Day.ToString(CultureInfo.InvariantCulture)} of {QuarterMonths(local)} at {time} ({zone}){ShortMonths(local)}",
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule.Cadence, "Unknown cadence."),
        };
    }

    // Occurrences are anchored on the launch day; see OccurrencePlanner.Occurrence for the month-end rule this names.
    private static string ShortMonths(DateTime local) => local.Day > 28 ? "; shorter months use their last day" : "";

    /// <summary>"Jan, Apr, Jul and Oct": without the months, "quarterly on day 15" does not say which months.</summary>
    private static string QuarterMonths(DateTime local)
    {
        var names = Enumerable.Range(0, 4)
            .Select(q => (local.Month - 1 + (3 * q)) % 12)
            .Order()
            .Select(m => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(m + 1))
            .ToList();
        return $"{names[0]}, {names[1]}, {names[2]} and {names[3]}";
    }
}
