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

    public TimeSpan Length => Start < End ? End - Start : TimeSpan.FromDays(1) - (Start - End);

    public override string ToString() => $"{Start:HH\\:mm}–{End:HH\\:mm}";
}
