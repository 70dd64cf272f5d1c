using CampaignBot.App.Settings;

namespace CampaignBot.App.Imports;

/// <summary>Customer file imports: options, their records, the service front ends call, and the background runner.</summary>
public static class ImportsSetup
{
    public static IServiceCollection AddCustomerImports(this IServiceCollection services)
    {
        services.AddImportRecords();
        services.AddSingleton<ImportRunner>();
        services.AddHostedService(provider => provider.GetRequiredService<ImportRunner>());
        services.AddHostedService<InterruptedImportsAtStart>();
        services.AddSingleton<ImportService>();
        return services;
    }

    /// <summary>What running an import needs without the service around it (the command line uses this alone).</summary>
    public static IServiceCollection AddImportRecords(this IServiceCollection services)
    {
        services.AddOptions<ImportsOptions>().BindConfiguration(ImportsOptions.Section).RefuseUnknownSettings(ImportsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportStore>();
        services.AddSingleton<ImportExecution>();
        return services;
    }
}
