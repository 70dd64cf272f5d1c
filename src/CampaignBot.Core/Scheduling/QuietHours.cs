namespace CampaignBot.Core.Scheduling;

/// <summary>
/// A daily local-time window in which nothing is sent: [Start, End), wrapping past midnight when End is
/// earlier than Start (21:00–08:00 is overnight). Start equal to End would silence the whole day and is refused.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public bool Contains(TimeOnly localTime) =>
        Start < End
            ? localTime >= Start && localTime < End
            : localTime >= Start || localTime < End;

    /// <summary>
    /// <paramref name="instant"/> itself when its wall time in <paramref name="zone"/> is outside the window, else the
    /// instant the window ends: End on the same local date, or the next one when an overnight window began before midnight.
    /// </summary>
    public DateTimeOffset NextAllowed(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = ZonedTime.ToLocal(instant, zone);
        var time = TimeOnly.FromDateTime(local);
        if (!Contains(time))
        {
            return instant;
        }

        var endDate = DateOnly.FromDateTime(local);
        if (Start > End && time >= Start)
        {
            endDate = endDate.AddDays(1);
        }

        var endLocal = endDate.ToDateTime(End);
        var end = ZonedTime.FirstInstantAtOrAfter(endLocal, zone);

        // On a fall-back night the end's wall time can repeat; inside the second pass of the hour, the window ends at the second one.
        if (end <= instant && zone.IsAmbiguousTime(endLocal))
        {
            end = new DateTimeOffset(endLocal, zone.GetAmbiguousTimeOffsets(endLocal).Min());
        }

        return end > instant ? end : instant;
    }

    public TimeSpan Length => Start < End ? End - Start : TimeSpan.FromDays(1) - (Start - End);

    public override string ToString() => $"{Start:HH\\:mm}–{End:HH\\:mm}";
}
