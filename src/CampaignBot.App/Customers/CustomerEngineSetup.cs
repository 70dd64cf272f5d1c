using CampaignBot.App.Application;
using CampaignBot.App.Settings;
using CampaignBot.Customers.Engine;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Customers;

public static class CustomerEngineSetup
{
    public static IServiceCollection AddCustomerEngine(this IServiceCollection services)
    {
        services.AddOptions<CustomersOptions>()
            .BindConfiguration(CustomersOptions.Section)
            .RefuseUnknownSettings(CustomersOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CustomerEngine>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CustomersOptions>>().Value;
            if (options.IsPostgres)
            {
                return PostgresEngine.Connect(options.PostgresConnectionString!);
            }

            if (options.IsClickHouse)
            {
                return new ClickHouseEngine(options.ClickHouseSettings());
            }

            var path = Path.GetFullPath(options.DuckDbPath, provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new DuckDbEngine(path, string.IsNullOrWhiteSpace(options.DuckDbMemoryLimit) ? null : options.DuckDbMemoryLimit);
        });
        services.AddHostedService<DemoDataSeeder>();
        services.AddHealthChecks().AddCheck<CustomerEngineHealthCheck>("customer-engine", tags: [HealthTags.Ready]);
        return services;
    }
}
