namespace CampaignBot.Delivery.Mail;

/// <summary>
/// Sends one mail now, or throws: callers that must not fail (alerts) go through the outbox, which retries
/// what <see cref="MailFailures.IsTransient"/> calls transient.
/// </summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
