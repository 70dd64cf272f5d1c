using CampaignBot.App.Notifications;
using CampaignBot.App.Settings;
using CampaignBot.App.Users;
using CampaignBot.Conversations.Inbound;
using CampaignBot.Conversations.Notices;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using CampaignBot.Chat.Slack.Protocol;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Chat.Slack;

public static class SlackSetup
{
    /// <summary>How Slack people type commands ("/campaign new") and get set up.</summary>
    public static readonly ChannelStyle Style = new(
        ChatChannels.Slack,
        "/campaign ",
        "Ask an admin to add your Slack member ID (your profile, ⋮, Copy member ID) to your entry's SlackUserIds in the Users section.");

    /// <summary>Binds and validates the "Slack" section at start-up and registers the verifier, pacer and Web API client.</summary>
    public static IServiceCollection AddSlack(this IServiceCollection services)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackSignatureVerifier>();
        services.TryAddSingleton(sp => new SlackChannelPacer(sp.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<SlackWebApi>(client => client.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }

    /// <summary>The Slack channel on the conversation core: the protocol, its endpoints' helpers, its directory, style and messenger.</summary>
    public static IServiceCollection AddSlackChannel(this IServiceCollection services)
    {
        services.AddSlack();
        services.AddOptions<SlackOptions>().RefuseUnknownSettings(SlackOptions.Section);
        services.AddSingleton<SlackInbound>();
        services.AddSingleton<SlackReplies>();
        services.AddSingleton(Style);
        services.AddSingleton<IChannelDirectory, SlackDirectory>();
        services.AddSingleton<IChannelMessenger, SlackMessenger>();
        services.AddSingleton<ICampaignNotifier, SlackImportNotices>();
        return services;
    }
}
