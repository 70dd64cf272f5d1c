using CampaignBot.App.Notifications;
using CampaignBot.App.Settings;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Alerts;

/// <summary>Delivery alerts: the service, its history, the escalation loop and the hook on finished runs. Channels register themselves.</summary>
public static class AlertsSetup
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section).RefuseUnknownSettings(AlertsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertsOptions>, AlertsOptionsValidator>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<AlertRecipients>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<ICampaignNotifier, AlertNotifier>();
        services.AddHostedService<AlertEscalator>();
        return services;
    }
}
