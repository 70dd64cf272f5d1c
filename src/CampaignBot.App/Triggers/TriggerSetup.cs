using CampaignBot.App.Settings;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Events;

namespace CampaignBot.App.Triggers;

/// <summary>Triggered campaigns and the events that send them.</summary>
public static class TriggerSetup
{
    public static IServiceCollection AddTriggers(this IServiceCollection services)
    {
        services.AddOptions<TriggerOptions>().BindConfiguration(TriggerOptions.Section).RefuseUnknownSettings(TriggerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => new TriggerClaims(provider.GetRequiredService<CustomerEngine>()));
        services.AddSingleton(provider => new EventStore(provider.GetRequiredService<CustomerEngine>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TriggerPasses>();
        services.AddSingleton<EventService>();
        return services;
    }
}
