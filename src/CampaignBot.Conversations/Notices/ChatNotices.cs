using CampaignBot.App.Alerts;
using CampaignBot.App.Notifications;

namespace CampaignBot.Conversations.Notices;

/// <summary>Campaign notices and alert changes in every chat channel: planned once, carried out per channel.</summary>
public sealed class ChatNotices(CampaignNoticePlanner campaigns, AlertNoticePlanner alerts, NoticeDispatcher dispatcher) : ICampaignNotifier, IAlertChannel
{
    public async Task NotifyAsync(CampaignNotice notice, CancellationToken cancellationToken) =>
        await dispatcher.DispatchAsync(await campaigns.PlanAsync(notice, cancellationToken), cancellationToken);

    public Task PublishAsync(AlertRecord alert, AlertChange change, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(alerts.Plan(alert, change), cancellationToken);
}
