using CampaignBot.Delivery.Mail;

namespace CampaignBot.App.Mail;

public enum QueuedMailState
{
    /// <summary>Waiting for its first or next attempt (<see cref="QueuedMail.NextAttemptAt"/>).</summary>
    Pending,
    Sent,

    /// <summary>Given up: a permanent failure, or Smtp:MaxAttempts attempts failed.</summary>
    Failed,
}

/// <summary>One mail in the outbox (collection mail_outbox), keyed by the caller's mail id.</summary>
public sealed class QueuedMail
{
    public string Id { get; set; } = "";

    public List<string> To { get; set; } = [];

    public string Subject { get; set; } = "";

    public string Text { get; set; } = "";

    public string Html { get; set; } = "";

    public QueuedMailState State { get; set; }

    /// <summary>Attempts started so far, the one in flight included.</summary>
    public int Attempts { get; set; }

    public DateTimeOffset EnqueuedAt { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The last failure's class and code (<see cref="MailFailures.Describe"/>); never addresses or server text.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    internal static QueuedMail From(OutgoingMail mail, DateTimeOffset now) => new()
    {
        Id = mail.Id,
        To = [.. mail.To],
        Subject = mail.Subject,
        Text = mail.Text,
        Html = mail.Html,
        State = QueuedMailState.Pending,
        EnqueuedAt = now,
        NextAttemptAt = now,
    };

    internal OutgoingMail ToOutgoingMail() => new() { Id = Id, To = To, Subject = Subject, Text = Text, Html = Html };
}
