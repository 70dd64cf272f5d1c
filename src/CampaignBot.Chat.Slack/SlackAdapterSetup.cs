using CampaignBot.App.Alerts;
using CampaignBot.App.Notifications;
using CampaignBot.App.Settings;
using CampaignBot.Chat.Slack;

namespace CampaignBot.Chat.Slack;

/// <summary>The Slack channel: protocol pieces from CampaignBot.Chat, plus the endpoints, workers and notices here.</summary>
public static class SlackAdapterSetup
{
    public static IServiceCollection AddSlackChannel(this IServiceCollection services)
    {
        services.AddSlack();
        services.AddOptions<SlackOptions>().RefuseUnknownSettings(SlackOptions.Section);
        services.AddSingleton<SlackInbound>();
        services.AddSingleton<SlackCallers>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton<SlackWork>();
        services.AddHostedService(provider => provider.GetRequiredService<SlackWork>());
        services.AddSingleton<SlackMessageStore>();
        services.AddSingleton<ICampaignNotifier, SlackNotifier>();
        services.AddSingleton<ICampaignNotifier, SlackImportNotices>();
        services.AddSingleton<IAlertChannel, SlackAlertChannel>();
        return services;
    }
}
