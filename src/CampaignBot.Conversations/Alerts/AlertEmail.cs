using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Email;
using CampaignBot.Conversations.Messages;
using CampaignBot.Core.Text;
using CampaignBot.Delivery.Connectors;

using CampaignBot.App.Alerts;

namespace CampaignBot.Conversations.Alerts;

/// <summary>
/// An alert as email: the same content as the chat card (cause, counts, fix steps), without its buttons, and
/// with links to the run and to the alert's answers in the API instead.
/// </summary>
public static class AlertEmail
{
    public const string Footer = "Sent by CampaignBot to on-call staff and the campaign's author. Answer an alert in chat or through /api/alerts.";

    public static string Subject(AlertView alert, AlertChange change)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var what = AlertCard.Subject(alert);
        return change switch
        {
            AlertChange.Escalated => $"[CampaignBot] Escalated, nobody has acknowledged: {what} is failing",
            AlertChange.Recovered => $"[CampaignBot] Recovered: {what}",
            _ => Enum.TryParse<FailureKind>(alert.Failure, out var kind) ? $"[CampaignBot] Delivery failed ({Words(kind)}): {what}" : $"[CampaignBot] Delivery failed: {what}",
        };
    }

    public static EmailBody Body(AlertView alert, AlertChange change, DateTimeOffset now, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(options);
        var card = AlertCard.For(alert, now, options.MuteHours);
        var blocks = card.Blocks.Where(b => b is not ActionRow).ToList();
        if (change == AlertChange.Escalated)
        {
            blocks.Insert(1, new Notice(
                $"Nobody has acknowledged this alert in {Counted.Of(options.EscalateAfterMinutes, "minute")}, so it comes to you, the escalation list.", Tone.Warning));
        }

        if (alert.RecoveredAt is null)
        {
            blocks.Add(new Paragraph(alert.Destination.Length == 0
                ? "Acknowledge or mute it in the on-call chat channel, or through the API links below."
                : "Retry, acknowledge or mute it in the on-call chat channel, or through the API links below (POST)."));
        }

        var links = new List<EmailLink> { new("The run", alert.RunLink), new("The alert", AlertLink(alert.Id, options)) };
        if (alert.RecoveredAt is null)
        {
            links.Add(new("Acknowledge (POST)", AlertLink(alert.Id, options) + "/acknowledge"));
            if (alert.Destination.Length > 0)
            {
                links.Add(new("Retry (POST)", AlertLink(alert.Id, options) + "/retry"));
            }
        }

        return EmailRenderer.Render(Subject(alert, change), card with { Blocks = blocks }, links, Footer);
    }

    public static string AlertLink(Guid alertId, AlertsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Link($"api/alerts/{alertId}");
    }

    private static string Words(FailureKind kind) => kind switch
    {
        FailureKind.Authentication => "credentials refused",
        FailureKind.Permission => "missing permission",
        FailureKind.RateLimited => "rate limit exhausted",
        FailureKind.InvalidData => "data refused",
        FailureKind.ServiceDown => "service down",
        FailureKind.Configuration => "set up wrongly",
        FailureKind.Shortfall => "rows missing",
        _ => kind.ToString(),
    };
}
