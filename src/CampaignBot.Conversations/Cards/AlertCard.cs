using System.Globalization;
using CampaignBot.App.Alerts;
using CampaignBot.Conversations.Messages;
using Humanizer;

namespace CampaignBot.Conversations.Cards;

/// <summary>
/// A delivery alert for the on-call channel: what failed, why, counts, the fix steps, who answered it, and
/// Retry, Acknowledge and Mute. The same message is updated on every change, so it always shows the latest.
/// </summary>
public static class AlertCard
{
    public static ChatMessage For(AlertView alert, DateTimeOffset now, IReadOnlyList<int> muteHours)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(muteHours);
        var recovered = alert.RecoveredAt is not null;
        var blocks = new List<ChatBlock>
        {
            new Heading(recovered ? $"Recovered: {Subject(alert)}" : $"Delivery failing: {Subject(alert)}"),
            recovered
                ? new Notice($"Run {alert.RecoveredBy} delivered to {Where(alert)} again {At(alert.RecoveredAt!.Value, now)}. This alert is closed.", Tone.Success)
                : new Notice(alert.Cause, Tone.Error),
            new FactList(Facts(alert, now)),
        };
        if (alert.Deliveries.Count > 1)
        {
            blocks.Add(new BulletList(alert.Deliveries.Select(d => $"{d.Group}: {d.Status.ToLowerInvariant()}, {Counted(d.Delivered, d.Expected)}").ToList()));
        }

        if (!recovered)
        {
            blocks.Add(new Paragraph("What to do:"));
            blocks.Add(new BulletList(alert.Steps));
        }

        blocks.Add(new Footnote($"Run {alert.RunId} in the API: {alert.RunLink} · alert {alert.Id}"));
        if (!recovered)
        {
            blocks.Add(new ActionRow(Buttons(alert, muteHours)));
        }

        return new ChatMessage(recovered ? $"Recovered: {Subject(alert)}" : $"Delivery failing: {Subject(alert)}. {alert.Cause}", blocks);
    }

    /// <summary>The thread reply when an alert recovers, so the channel hears it, not only sees the card change.</summary>
    public static ChatMessage Recovery(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var text = $"Recovered: run {alert.RecoveredBy} delivered {alert.Campaign} to {Where(alert)} again after {Times(alert.Occurrences)} failing. Nothing more to do.";
        return new ChatMessage(text, [new Notice(text, Tone.Success)]);
    }

    /// <summary>"failed 3 times since …, acknowledged by Olga": where the alert stands, in one line.</summary>
    public static string Status(AlertView alert, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var status = alert.Occurrences == 1 ? $"failed {At(alert.RaisedAt, now)}" : $"failed {Times(alert.Occurrences)} since {At(alert.RaisedAt, now)}";
        if (alert.AcknowledgedBy is { } by)
        {
            status += $", acknowledged by {by}";
        }

        return alert.MutedUntil is { } until && until > now ? $"{status}, muted until {until:yyyy-MM-dd HH:mm} UTC" : status;
    }

    public static string Subject(AlertView alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Destination.Length == 0 ? $"{alert.Campaign} (the run itself)" : $"{alert.Campaign} → {alert.Destination}";
    }

    private static List<Fact> Facts(AlertView alert, DateTimeOffset now)
    {
        var facts = new List<Fact>
        {
            new("Campaign", alert.Campaign),
            new("Destination", alert.Destination.Length == 0 ? "none reached" : $"{alert.Destination} ({alert.Service})"),
        };
        if (alert.Failure is { } failure)
        {
            facts.Add(new("Failure", failure.Humanize(LetterCasing.Sentence)));
        }

        facts.Add(new("Delivered", Counted(alert.Delivered, alert.Expected)));
        facts.Add(new("Failed", alert.Occurrences == 1 ? $"once, {At(alert.RaisedAt, now)}" : $"{Times(alert.Occurrences)} since {At(alert.RaisedAt, now)}"));
        facts.Add(new("Run", alert.RunId));
        if (alert.AcknowledgedBy is { } acknowledgedBy)
        {
            facts.Add(new("Acknowledged", $"by {acknowledgedBy} {At(alert.AcknowledgedAt!.Value, now)}"));
        }

        if (alert.MutedUntil is { } until && until > now && alert.RecoveredAt is null)
        {
            facts.Add(new("Muted", $"until {until:yyyy-MM-dd HH:mm} UTC, by {alert.MutedBy}"));
        }

        if (alert.EscalatedAt is { } escalated)
        {
            facts.Add(new("Escalated", At(escalated, now)));
        }

        if (alert.RetriedBy is { } retriedBy)
        {
            facts.Add(new("Retried", $"by {retriedBy} {At(alert.RetriedAt!.Value, now)}"));
        }

        return facts;
    }

    public static List<ChatButton> Buttons(AlertView alert, IReadOnlyList<int> muteHours)
    {
        var buttons = new List<ChatButton>();
        if (alert.Destination.Length > 0)
        {
            buttons.Add(new ChatButton(ChatActions.AlertRetry, "Retry failed deliveries", alert.Id.ToString(), ButtonStyle.Primary, new Confirmation(
                "Retry?", $"Send the failed deliveries of run {alert.RunId} to {alert.Destination} again. Delivered batches are not sent twice.", "Retry", "Not now")));
        }

        if (alert.State == nameof(AlertState.Open))
        {
            buttons.Add(new ChatButton(ChatActions.AlertAcknowledge, "Acknowledge", alert.Id.ToString()));
        }

        buttons.AddRange(muteHours.Select(h => new ChatButton(ChatActions.AlertMute, $"Mute {h} h", MuteValue(alert.Id, h))));
        return buttons;
    }

    public static string MuteValue(Guid alertId, int hours) => $"{alertId}|{hours.ToString(CultureInfo.InvariantCulture)}";

    private static string Where(AlertView alert) => alert.Destination.Length == 0 ? "its destinations" : alert.Destination;

    private static string Counted(long delivered, long expected) =>
        expected > 0 ? $"{Quantities.Of(delivered)} of {Quantities.Of(expected, "row", "rows")}" : Quantities.Of(delivered, "row", "rows");

    private static string Times(int occurrences) => occurrences switch { 1 => "once", 2 => "twice", _ => $"{occurrences} times" };

    private static string At(DateTimeOffset at, DateTimeOffset now) => $"at {at:yyyy-MM-dd HH:mm} UTC ({at.Humanize(now)})";
}
