using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Logging;
using CampaignBot.App.Audit;
using CampaignBot.App.Campaigns;
using CampaignBot.App.CrossCampaign;
using CampaignBot.App.Notifications;
using CampaignBot.App.Runs;
using CampaignBot.App.Scheduling;
using CampaignBot.App.SeedLists;
using CampaignBot.App.Segments;
using CampaignBot.App.Settings;
using CampaignBot.Core.Approvals;
using CampaignBot.Customers.Results;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CampaignBot.App;

/// <summary>
/// The campaign lifecycle: stores, application services, the run pipeline and the scheduler. It composes every feature
/// folder, so it lives above them all, at the project's root; the folders themselves depend on each other one way.
/// </summary>
public static class CampaignLifecycleSetup
{
    public static IServiceCollection AddCampaignLifecycle(this IServiceCollection services)
    {
        services.AddOptions<ApprovalRules>().BindConfiguration(ApprovalRules.Section).RefuseUnknownSettings(ApprovalRules.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).RefuseUnknownSettings(SchedulerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddCrossCampaignRules();

        services.AddSingleton<SegmentStore>();
        services.AddSingleton<SegmentService>();
        services.AddSeedLists();
        services.AddSingleton<CampaignBot.Customers.Insights.SegmentInsightsQuery>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<ApprovalStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<DestinationStateStore>();
        services.AddSingleton<AuditLog>();

        services.AddSingleton<IConnectorFactory>(provider => new ConnectorFactory(
            provider.GetRequiredService<IHostEnvironment>().ContentRootPath, provider.GetRequiredService<DestinationCredentials>(), provider.GetRequiredService<TimeProvider>(),
            () => LoggingSetup.DestinationTransport(provider)));
        services.AddSingleton<CampaignResolver>();
        services.AddSingleton<CampaignTransitions>();
        services.AddSingleton<CampaignViews>();
        services.AddSingleton<CampaignPreviews>();
        services.AddSingleton<CampaignBot.App.Explain.CampaignExplainer>();
        services.AddSingleton<CampaignService>();
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<RunService>();

        services.AddSingleton<ICampaignNotifier, LogNotifier>();
        services.AddSingleton<Notifier>();
        services.TryAddSingleton(NoticePacing.Default);
        services.AddSingleton<NoticeQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<NoticeQueue>());

        services.AddSingleton<RunLedger>();
        services.AddSingleton<DeliveryRunner>();
        services.AddSingleton<LeaverRemoval>();
        services.AddSingleton(provider => new CampaignBot.Customers.Audiences.ListMemberships(provider.GetRequiredService<CampaignBot.Customers.Engine.CustomerEngine>()));
        services.AddSingleton(provider => new SendHistory(provider.GetRequiredService<CampaignBot.Customers.Engine.CustomerEngine>()));
        services.AddSingleton<LatestVerdicts>();
        services.AddSingleton<RunHeartbeat>();
        services.AddSingleton<RunPipeline>();
        services.AddSingleton<SchedulerSignal>();
        services.AddSingleton<CampaignScheduler>();
        services.AddSingleton<SchedulerHeartbeat>();
        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler", tags: [HealthTags.Ready]);
        services.AddHostedService<DemoSegmentSeeder>();
        // Before the scheduler's loop, so its first pass already sees the runs a dead process left as interrupted.
        services.AddHostedService<InterruptedRunsAtStart>();
        services.AddHostedService<SchedulerService>();
        return services;
    }
}
