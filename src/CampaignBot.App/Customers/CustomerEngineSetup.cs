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
            var contentRoot = provider.GetRequiredService<IHostEnvironment>().ContentRootPath;
            var tables = CustomerTableMapping.Sources(options, contentRoot);
            if (options.IsPostgres)
            {
                return new PostgresEngine(Npgsql.NpgsqlDataSource.Create(options.PostgresConnectionString!)) { Tables = tables };
            }

            if (options.IsClickHouse)
            {
                return new ClickHouseEngine(options.ClickHouseSettings());
            }

            var path = Path.GetFullPath(options.DuckDbPath, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new DuckDbEngine(path, string.IsNullOrWhiteSpace(options.DuckDbMemoryLimit) ? null : options.DuckDbMemoryLimit) { Tables = tables };
        });

        // Before the demo data: a mapping that does not fit the engine stops the service before anything reads it.
        services.AddHostedService<CustomerTablesCheck>();
        services.AddHostedService<DemoDataSeeder>();
        services.AddHealthChecks().AddCheck<CustomerEngineHealthCheck>("customer-engine", tags: [HealthTags.Ready]);
        return services;
    }
}
