using CampaignBot.App.Application;
using CampaignBot.App.Settings;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Storage;

public static class StorageSetup
{
    public static IServiceCollection AddAppStorage(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .RefuseUnknownSettings(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            var path = System.IO.Path.GetFullPath(options.LiteDbPath, provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
            return new AppDatabase(path, options.IsShared);
        });
        services.AddHealthChecks().AddCheck<AppDatabaseHealthCheck>("app-state", tags: [HealthTags.Ready]);
        return services;
    }
}
