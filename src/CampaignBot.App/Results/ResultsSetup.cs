using CampaignBot.App.Notifications;

namespace CampaignBot.App.Results;

/// <summary>Campaign results: the results service and the demo's simulated orders (the send history is the run pipeline's).</summary>
public static class ResultsSetup
{
    public static IServiceCollection AddCampaignResults(this IServiceCollection services)
    {
        services.AddSingleton<ResultsService>();
        services.AddSingleton<ICampaignNotifier, DemoOrders>();
        return services;
    }
}
