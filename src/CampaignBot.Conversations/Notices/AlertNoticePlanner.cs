using CampaignBot.App.Alerts;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;
using Humanizer;
using Microsoft.Extensions.Options;

namespace CampaignBot.Conversations.Notices;

/// <summary>
/// Delivery alerts in chat: one card per alert in the alerts room, posted when raised and updated in place on every
/// change after, with replies under it when it escalates (mentioning the escalation list, shown in the room too)
/// and when it recovers.
/// </summary>
public sealed class AlertNoticePlanner(IOptions<AlertsOptions> options, AlertRecipients recipients, TimeProvider clock)
{
    public static string ThreadOf(Guid alertId) => $"alert:{alertId:N}";

    public IReadOnlyList<NoticeStep> Plan(AlertRecord alert, AlertChange change)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var view = AlertView.Of(alert, reader: null, options.Value);
        var thread = ThreadOf(alert.Id);
        var steps = new List<NoticeStep>
        {
            new NoticeStep.Show(thread, [new NoticePlace.Room(NoticeRoom.Alerts)], AlertCard.For(view, clock.GetUtcNow(), options.Value.MuteHours)),
        };
        if (change == AlertChange.Escalated)
        {
            steps.Add(new NoticeStep.Reply(thread, Escalation(alert), recipients.EscalationPeople(), Broadcast: true));
        }
        else if (change == AlertChange.Recovered)
        {
            steps.Add(new NoticeStep.Reply(thread, AlertCard.Recovery(view), []));
        }

        return steps;
    }

    private ChatMessage Escalation(AlertRecord alert) => ChatMessage.Plain(
        $"Escalated: nobody acknowledged this alert within {TimeSpan.FromMinutes(options.Value.EscalateAfterMinutes).Humanize()}. "
        + $"{alert.CampaignName} still fails at {alert.Destination}.");
}
