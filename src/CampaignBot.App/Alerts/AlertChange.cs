namespace CampaignBot.App.Alerts;

/// <summary>What just happened to an alert; each channel decides what that means for it.</summary>
public enum AlertChange
{
    /// <summary>A delivery failed and on-call staff are told for the first time.</summary>
    Raised,

    /// <summary>The same campaign failed at the same destination again: the alert is updated, not repeated.</summary>
    Repeated,

    Acknowledged,

    Muted,

    /// <summary>Someone sent the failed deliveries again.</summary>
    Retried,

    /// <summary>Nobody acknowledged it in time: the escalation list is told.</summary>
    Escalated,

    /// <summary>A later run delivered to the destination again.</summary>
    Recovered,
}

/// <summary>A way alerts reach people (chat, email). Failing channels are logged and never stop the others.</summary>
public interface IAlertChannel
{
    Task PublishAsync(AlertRecord alert, AlertChange change, CancellationToken cancellationToken);
}
