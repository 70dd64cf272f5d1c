using CampaignBot.App.Notifications;

namespace CampaignBot.App.Alerts;

/// <summary>Hands every finished run to the alerts: failures raise or repeat them, deliveries recover them.</summary>
public sealed class AlertNotifier(AlertService alerts) : ICampaignNotifier
{
    public Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken) =>
        notice is CampaignNotice.RunFinished finished ? alerts.RunFinishedAsync(finished.Run, cancellationToken) : Task.CompletedTask;
}
