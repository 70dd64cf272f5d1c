using System.Globalization;
using CampaignBot.App.Alerts;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Actions;

// The buttons on a delivery alert. The alert service checks roles and state; a refusal is answered to the
// clicker only, and the change reaches everyone through the alert's own message, which is updated in place.

public sealed class AlertAcknowledgeAction(AlertService alerts) : IChatAction
{
    public string ActionId => ChatActions.AlertAcknowledge;

    public async Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken) =>
        Guid.TryParse(value, out var id)
            ? Answered(await alerts.AcknowledgeAsync(id, caller.Actor!, cancellationToken), a => $"You acknowledged the alert for {AlertCard.Subject(a)}; it will not be escalated.")
            : Malformed();

    internal static ChatReply Answered(CampaignBot.App.Application.ServiceResult<AlertView> result, Func<AlertView, string> done) =>
        ResultMessages.Reply(result, alert => new ChatMessage(done(alert), [new Notice(done(alert), Tone.Success)]));

    internal static ChatReply Malformed() => new ChatReply.Refuse(ResultMessages.Refusal("That button does not name an alert; it may come from an older version of CampaignBot."));
}

public sealed class AlertMuteAction(AlertService alerts) : IChatAction
{
    public string ActionId => ChatActions.AlertMute;

    public async Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken)
    {
        var parts = (value ?? "").Split('|');
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out var id) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var hours))
        {
            return AlertAcknowledgeAction.Malformed();
        }

        return AlertAcknowledgeAction.Answered(await alerts.MuteAsync(id, hours, caller.Actor!, cancellationToken),
            a => $"You muted the alert for {AlertCard.Subject(a)} until {a.MutedUntil:yyyy-MM-dd HH:mm} UTC: no mail, no escalation, and new failures wait until then.");
    }
}

/// <summary>Re-sends only the failed deliveries to the alert's destination; delivered batches are not sent again.</summary>
public sealed class AlertRetryAction(AlertService alerts) : IChatAction
{
    public string ActionId => ChatActions.AlertRetry;

    public async Task<ChatReply> RunAsync(ChatCaller caller, string value, CancellationToken cancellationToken) =>
        Guid.TryParse(value, out var id)
            ? AlertAcknowledgeAction.Answered(await alerts.RetryAsync(id, caller.Actor!, cancellationToken),
                a => $"Retrying the failed deliveries of {AlertCard.Subject(a)}. The alert recovers by itself when they arrive.")
            : AlertAcknowledgeAction.Malformed();
}
