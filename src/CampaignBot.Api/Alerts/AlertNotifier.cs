using CampaignBot.Api.Notifications;

namespace CampaignBot.Api.Alerts;

/// <summary>Hands every finished run to the alerts: failures raise or repeat them, deliveries recover them.</summary>
public sealed class AlertNotifier(AlertService alerts) : ICampaignNotifier
{
    public Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken) =>
        notice is CampaignNotice.RunFinished finished ? alerts.RunFinishedAsync(finished.Run, cancellationToken) : Task.CompletedTask;
}
