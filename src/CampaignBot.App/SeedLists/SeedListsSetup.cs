using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.App.SeedLists;

public static class SeedListsSetup
{
    public static IServiceCollection AddSeedLists(this IServiceCollection services)
    {
        services.AddSingleton<SeedListStore>();
        services.AddSingleton<SeedListService>();
        return services;
    }
}
