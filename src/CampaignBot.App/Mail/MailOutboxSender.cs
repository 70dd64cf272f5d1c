using CampaignBot.Delivery.Mail;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Mail;

/// <summary>
/// Sends what the outbox holds: each due mail once per pass, retrying transient failures with
/// <see cref="MailBackoff"/> until Smtp:MaxAttempts, giving up at once on permanent ones. Logs carry the mail id
/// and the failure's class only: never addresses, bodies or credentials.
/// </summary>
public sealed partial class MailOutboxSender(
    MailOutbox outbox, IMailSender sender, IOptions<SmtpOptions> options, TimeProvider clock, Random jitter,
    ILogger<MailOutboxSender> logger) : BackgroundService
{
    /// <summary>How long an attempt keeps its mail from other senders (and from a restart after a crash mid-send).</summary>
    public static readonly TimeSpan SendLease = TimeSpan.FromMinutes(5);

    // Also picks up mails another process enqueued into a shared database file, which cannot wake this one.
    private static readonly TimeSpan IdleWait = TimeSpan.FromMinutes(1);

    private DateTimeOffset _forgotAt = DateTimeOffset.MinValue;

    /// <summary>Sends every mail due now, one after another, and records each outcome; once a day, forgets old ones.</summary>
    public async Task SendDueAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _forgotAt > TimeSpan.FromDays(1))
        {
            _forgotAt = clock.GetUtcNow();
            outbox.Forget(_forgotAt - MailOutbox.KeepFor);
        }

        foreach (var due in outbox.Due(clock.GetUtcNow()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (outbox.TryClaim(due.Id, clock.GetUtcNow(), SendLease) is not { } mail)
            {
                continue;
            }

            try
            {
                await sender.SendAsync(mail.ToOutgoingMail(), cancellationToken);
                outbox.MarkSent(mail.Id, clock.GetUtcNow());
                LogSent(mail.Id, mail.Attempts);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RecordFailure(mail, e);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.IsConfigured)
        {
            if (outbox.PendingCount() is > 0 and var pending)
            {
                LogEmailOff(pending);
            }

            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(e);
            }

            try
            {
                await outbox.WaitForMailAsync(UntilNextAttempt(), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private void RecordFailure(QueuedMail mail, Exception error)
    {
        var failure = MailFailures.Describe(error);
        if (!MailFailures.IsTransient(error))
        {
            outbox.MarkFailed(mail.Id, failure);
            LogGaveUpPermanent(mail.Id, mail.Attempts, failure);
        }
        else if (mail.Attempts >= options.Value.MaxAttempts)
        {
            outbox.MarkFailed(mail.Id, failure);
            LogGaveUpAttempts(mail.Id, mail.Attempts, failure);
        }
        else
        {
            var next = clock.GetUtcNow() + MailBackoff.After(mail.Attempts, jitter.NextDouble());
            outbox.Reschedule(mail.Id, next, failure);
            LogRetrying(mail.Id, mail.Attempts, failure, next);
        }
    }

    private TimeSpan UntilNextAttempt()
    {
        var wait = outbox.NextAttemptAt() is { } next ? next - clock.GetUtcNow() : IdleWait;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > IdleWait ? IdleWait : wait;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Smtp:Host is not set, so email is off; {Pending} mails stay pending in the outbox")]
    private partial void LogEmailOff(int pending);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail {MailId} sent on attempt {Attempt}")]
    private partial void LogSent(string mailId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {MailId} attempt {Attempt} failed ({Failure}); trying again at {NextAttemptAt:o}")]
    private partial void LogRetrying(string mailId, int attempt, string failure, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MailId} failed permanently on attempt {Attempt} ({Failure}); not retrying")]
    private partial void LogGaveUpPermanent(string mailId, int attempt, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail {MailId} failed on attempt {Attempt} ({Failure}), the last one allowed by Smtp:MaxAttempts; giving up")]
    private partial void LogGaveUpAttempts(string mailId, int attempt, string failure);

    // The exception here comes from the outbox's own storage, not from SMTP, so it carries no addresses.
    [LoggerMessage(Level = LogLevel.Error, Message = "A mail outbox pass failed; trying again at the next due time")]
    private partial void LogPassFailed(Exception error);
}
