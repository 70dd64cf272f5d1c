using CampaignBot.App.Notifications;

namespace CampaignBot.App.Results;

/// <summary>Campaign results: the results services (per campaign, and all marketing against the holdout) and the demo's simulated orders (the send history is the run pipeline's).</summary>
public static class ResultsSetup
{
    public static IServiceCollection AddCampaignResults(this IServiceCollection services)
    {
        services.AddSingleton<ResultsService>();
        services.AddSingleton<HoldoutResultsService>();
        services.AddSingleton<ICampaignNotifier, DemoOrders>();
        return services;
    }
}
