namespace CampaignBot.App.Notifications;

/// <summary>
/// When queued notices go out. While changes keep coming (a hundred approvers clicking at once), each notice waits
/// until <see cref="Lull"/> passes with no new one queued, so the people clicking are answered first and the card
/// updates and messages follow the burst; none waits longer than <see cref="MaxHold"/> after it was queued, so a
/// steady stream of changes never starves them. Measured in real time, whatever clock the service runs on: it is about
/// the machine's load, not about when things are due.
/// </summary>
public sealed record NoticePacing(TimeSpan Lull, TimeSpan MaxHold)
{
    /// <summary>
    /// 50 ms: well above the few milliseconds between decisions in a burst, and short enough that a single click's card
    /// update still looks immediate. 2 s: the longest a channel's copy of a card lags behind the click that changed it.
    /// </summary>
    public static NoticePacing Default { get; } = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2));
}
