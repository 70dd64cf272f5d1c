using CampaignBot.App.Alerts;
using CampaignBot.App.Notifications;
using CampaignBot.Conversations.Inbound;
using CampaignBot.Conversations.Notices;
using CampaignBot.Conversations.Alerts;
using CampaignBot.Conversations.Actions;
using CampaignBot.Conversations.Commands;
using CampaignBot.Conversations.Wizard;

namespace CampaignBot.Conversations;

/// <summary>The conversation core: every command, button, form and search, found by their keys.</summary>
public static class ConversationsSetup
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton<Conversation>();
        services.AddSingleton<CampaignLookup>();

        // The inbound sequence and the notices every channel shares.
        services.AddSingleton<RecentDeliveries>();
        services.AddSingleton<ChatCallers>();
        services.AddSingleton<ConversationWork>();
        services.AddHostedService(provider => provider.GetRequiredService<ConversationWork>());
        services.AddSingleton<InboundPipeline>();
        services.AddSingleton<PostedMessages>();
        services.AddSingleton<NoticeDispatcher>();
        services.AddSingleton<CampaignNoticePlanner>();
        services.AddSingleton<AlertNoticePlanner>();
        services.AddSingleton<ChatNotices>();
        services.AddSingleton<ICampaignNotifier>(provider => provider.GetRequiredService<ChatNotices>());
        services.AddSingleton<IAlertChannel>(provider => provider.GetRequiredService<ChatNotices>());
        services.AddSingleton<WizardSessions>();
        services.AddSingleton<WizardForms>();
        services.AddSingleton<WizardDrafts>();

        services.AddSingleton<IChatCommand, NewCommand>();
        services.AddSingleton<IChatCommand, ListCommand>();
        services.AddSingleton<IChatCommand, ShowCommand>();
        services.AddSingleton<IChatCommand, PreviewCommand>();
        services.AddSingleton<IChatCommand, SubmitCommand>();
        services.AddSingleton<IChatCommand, RunsCommand>();
        services.AddSingleton<IChatCommand, Results.ResultsCommand>();
        services.AddSingleton<IChatCommand, Results.HoldoutCommand>();
        services.AddSingleton<IChatCommand, SegmentsCommand>();
        services.AddSingleton<IChatCommand, SeedListsCommand>();
        services.AddSingleton<IChatCommand, SegmentNewCommand>();
        services.AddSingleton<IChatCommand, DestinationsCommand>();
        services.AddSingleton<IChatCommand, ExplainCommand>();
        services.AddSingleton<IChatCommand, AlertsCommand>();

        services.AddSingleton<IChatAction, ShowAction>();
        services.AddSingleton<IChatAction, PreviewAction>();
        services.AddSingleton<IChatAction, RunsAction>();
        services.AddSingleton<IChatAction, SubmitAction>();
        services.AddSingleton<IChatAction, ApproveAction>();
        services.AddSingleton<IChatAction, RejectAction>();
        foreach (var move in new[] { ChatActions.Pause, ChatActions.Resume, ChatActions.Cancel })
        {
            services.AddSingleton<IChatAction>(provider => LifecycleAction.All(provider.GetRequiredService<CampaignBot.App.Campaigns.CampaignService>()).Single(a => a.ActionId == move));
        }

        services.AddSingleton<IChatAction, RetryAction>();
        services.AddSingleton<IChatAction, AlertAcknowledgeAction>();
        services.AddSingleton<IChatAction, AlertMuteAction>();
        services.AddSingleton<IChatAction, AlertRetryAction>();

        services.AddSingleton<IChatFormAction, WizardBackAction>();
        services.AddSingleton<IChatFormAction, WizardRemoveAction>();

        services.AddSingleton<IChatForm, RejectForm>();
        services.AddSingleton<IChatForm, WizardForm>();
        services.AddSingleton<IChatSearch, SegmentSearch>();
        services.AddSingleton<IAlertChannel, EmailAlertChannel>();
        return services;
    }
}
