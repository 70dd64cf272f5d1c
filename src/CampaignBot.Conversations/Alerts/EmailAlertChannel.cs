using CampaignBot.App.Mail;
using CampaignBot.Delivery.Mail;
using Microsoft.Extensions.Options;

using CampaignBot.App.Alerts;

namespace CampaignBot.Conversations.Alerts;

/// <summary>
/// Alerts by email, through the outbox so a slow or failing mail server never holds up a run: on-call staff and
/// the campaign's author when an alert is raised and when it recovers, the escalation list when it escalates.
/// Each (alert, change) is one mail id, so it is queued once however often the change is published. Off until Smtp:Host is set.
/// </summary>
public sealed class EmailAlertChannel(
    MailOutbox outbox, AlertRecipients recipients, IOptions<AlertsOptions> options, IOptions<SmtpOptions> smtp, TimeProvider clock) : IAlertChannel
{
    public Task PublishAsync(AlertRecord alert, AlertChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);

        // Without a mail server nothing is queued: an alert mailed days later, once one is set up, would only mislead.
        if (!smtp.Value.IsConfigured)
        {
            return Task.CompletedTask;
        }

        var to = change switch
        {
            AlertChange.Raised => recipients.OnCallEmails(alert),
            AlertChange.Escalated => recipients.EscalationEmails(),
            AlertChange.Recovered => recipients.OnCallEmails(alert).Concat(alert.EscalatedAt is null ? [] : recipients.EscalationEmails())
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            _ => [], // Repeats and answers update the chat card; mail would only repeat itself.
        };
        if (to.Count == 0)
        {
            return Task.CompletedTask;
        }

        var view = AlertView.Of(alert, reader: null, options.Value);
        var body = AlertEmail.Body(view, change, clock.GetUtcNow(), options.Value);
        outbox.Enqueue(new OutgoingMail
        {
            Id = $"alert-{alert.Id:N}-{change.ToString().ToLowerInvariant()}",
            To = to,
            Subject = AlertEmail.Subject(view, change),
            Text = body.Text,
            Html = body.Html,
        });
        return Task.CompletedTask;
    }
}
