using CampaignBot.App.Settings;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Destinations;

public static class DestinationSetup
{
    public static IServiceCollection AddDestinations(this IServiceCollection services)
    {
        services.AddOptions<DestinationsOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(DestinationsOptions.Section).Bind(options.Instances))
            .RefuseUnknownSettings(DestinationsOptions.Section, typeof(List<DestinationSettings>))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DestinationsOptions>, DestinationsValidation>();
        services.AddSingleton<IReadOnlyList<DestinationInstance>>(provider =>
            DestinationsValidation.ToInstances(provider.GetRequiredService<IOptions<DestinationsOptions>>().Value));
        services.AddSingleton(provider => CredentialSections.Read(
            provider.GetRequiredService<IReadOnlyList<DestinationInstance>>(), provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<DestinationDirectory>();
        return services;
    }
}
