using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Scheduling;

internal static class ScheduleRules
{
    /// <summary>A launch a little in the past is clock skew between the user's device and ours, not a mistake.</summary>
    private static readonly TimeSpan PastLaunchGrace = TimeSpan.FromMinutes(2);

    public static CampaignSchedule? Check(ScheduleDraft? draft, CampaignType? type, DateTimeOffset now, ProblemList problems)
    {
        draft ??= new ScheduleDraft();
        var zone = ReadZone(draft.TimeZone, problems);
        var cadence = ReadCadence(draft.Cadence, type, problems);
        var quietHours = ReadQuietHours(draft.QuietHours, problems);
        if (zone is null)
        {
            return null;
        }

        var launch = ReadLaunch(draft.Launch, zone, now, problems, out var launchOk);
        var expiry = ReadExpiry(draft.ExpiresAt, zone, launch ?? now, launch is null, problems, out var expiryOk);
        WarnAboutLaunchTime(launch, zone, cadence, quietHours, problems);

        return launchOk && expiryOk && !problems.HasErrors
            ? new CampaignSchedule { TimeZone = zone, LaunchInstant = launch, Cadence = cadence, ExpiresAt = expiry, QuietHours = quietHours }
            : null;
    }

    private static TimeZoneInfo? ReadZone(string? text, ProblemList problems)
    {
        var id = text?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return TimeZoneInfo.Utc;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        problems.Error("schedule.timeZone", $"'{id}' is not a time zone we know; use an IANA name such as America/Los_Angeles or Europe/Berlin.");
        return null;
    }

    private static Cadence? ReadCadence(string? text, CampaignType? type, ProblemList problems)
    {
        Cadence? cadence = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            cadence = NameRules.Keyword(text) switch
            {
                "daily" => Cadence.Daily,
                "weekly" => Cadence.Weekly,
                "monthly" => Cadence.Monthly,
                "quarterly" => Cadence.Quarterly,
                _ => null,
            };
            if (cadence is null)
            {
                problems.Error("schedule.cadence", $"'{text.Trim()}' is not a cadence; choose daily, weekly, monthly or quarterly.");
                return null;
            }
        }

        if (type == CampaignType.Recurring && cadence is null && string.IsNullOrWhiteSpace(text))
        {
            problems.Error("schedule.cadence", "A recurring campaign needs a cadence: daily, weekly, monthly or quarterly.");
        }
        else if (type == CampaignType.OneTime && cadence is not null)
        {
            problems.Error("schedule.cadence", "A one-time campaign runs once; remove the cadence or make the campaign recurring.");
        }
        else if (type == CampaignType.Triggered && cadence is not null)
        {
            problems.Error("schedule.cadence", "A triggered campaign sends when its event happens, not on a cadence; remove the cadence.");
        }

        return cadence;
    }

    private static QuietHours? ReadQuietHours(QuietHoursDraft? draft, ProblemList problems)
    {
        if (draft is null || (string.IsNullOrWhiteSpace(draft.Start) && string.IsNullOrWhiteSpace(draft.End)))
        {
            return null;
        }

        var startOk = ReadTime(draft.Start, "schedule.quietHours.start", "start", problems, out var start);
        var endOk = ReadTime(draft.End, "schedule.quietHours.end", "end", problems, out var end);
        if (!startOk || !endOk)
        {
            return null;
        }

        if (start == end)
        {
            problems.Error("schedule.quietHours",
                $"Quiet hours from {start:HH\\:mm} to {end:HH\\:mm} cover the whole day, which leaves no time to send; shorten them.");
            return null;
        }

        return new QuietHours(start, end);
    }

    private static bool ReadTime(string? text, string path, string which, ProblemList problems, out TimeOnly time)
    {
        if (WallClockText.TryParseTime(text, out time))
        {
            return true;
        }

        problems.Error(path, string.IsNullOrWhiteSpace(text)
            ? $"Quiet hours need {(which == "start" ? "a start" : "an end")} time, in 24-hour HH:mm such as 21:00."
            : $"'{text.Trim()}' is not a time; write quiet hours in 24-hour HH:mm, such as 21:00.");
        return false;
    }

    private static DateTimeOffset? ReadLaunch(string? text, TimeZoneInfo zone, DateTimeOffset now, ProblemList problems, out bool ok)
    {
        ok = true;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || NameRules.Keyword(trimmed) is "asap" or "now" or "assoonaspossible")
        {
            return null;
        }

        switch (WallClockText.ParseInstant(trimmed, zone, out var instant))
        {
            case InstantText.Unreadable:
                problems.Error("schedule.launch", $"'{trimmed}' is not a launch time; write 'asap', or {WallClockText.InstantHelp}.");
                ok = false;
                return null;
            case InstantText.SkippedByClockChange:
                problems.Error("schedule.launch", $"{trimmed} does not exist in {zone.Id}: the clocks skip that hour that night. Pick another time.");
                ok = false;
                return null;
        }

        if (instant < now - PastLaunchGrace)
        {
            problems.Error("schedule.launch",
                $"The launch time {WallClockText.Describe(instant, zone)} is in the past; pick a future time or launch as soon as possible.");
            ok = false;
        }

        return instant;
    }

    private static DateTimeOffset? ReadExpiry(
        string? text, TimeZoneInfo zone, DateTimeOffset launch, bool launchesAsap, ProblemList problems, out bool ok)
    {
        ok = true;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        switch (WallClockText.ParseInstant(trimmed, zone, out var expiry))
        {
            case InstantText.Unreadable:
                problems.Error("schedule.expiresAt", $"'{trimmed}' is not an expiry time; {WallClockText.InstantHelp}.");
                ok = false;
                return null;
            case InstantText.SkippedByClockChange:
                problems.Error("schedule.expiresAt", $"{trimmed} does not exist in {zone.Id}: the clocks skip that hour that night. Pick another time.");
                ok = false;
                return null;
        }

        if (expiry <= launch)
        {
            problems.Error("schedule.expiresAt", launchesAsap
                ? $"The expiry {WallClockText.Describe(expiry, zone)} has already passed; move it into the future or remove it."
                : $"The campaign expires ({WallClockText.Describe(expiry, zone)}) before it launches ({WallClockText.Describe(launch, zone)}); move the expiry after the launch.");
            ok = false;
        }

        return expiry;
    }

    private static void WarnAboutLaunchTime(DateTimeOffset? launch, TimeZoneInfo zone, Cadence? cadence, QuietHours? quietHours, ProblemList problems)
    {
        if (launch is not { } instant)
        {
            return;
        }

        var local = ZonedTime.ToLocal(instant, zone);
        if (quietHours is not null && quietHours.Contains(TimeOnly.FromDateTime(local)))
        {
            problems.Warning("schedule.launch",
                $"The launch time {local:HH\\:mm} falls inside quiet hours ({quietHours}); sending will wait until {quietHours.End:HH\\:mm}.");
        }

        if (cadence is Cadence.Monthly or Cadence.Quarterly && local.Day > 28)
        {
            problems.Warning("schedule.launch",
                $"Runs are anchored on day {local.Day} of the month; in shorter months they move to the month's last day.");
        }
    }
}
