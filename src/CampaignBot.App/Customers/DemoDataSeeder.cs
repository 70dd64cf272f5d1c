using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Customers;

/// <summary>On first start, fills empty customer tables with demo customers before the service takes requests.</summary>
public sealed partial class DemoDataSeeder(CustomerEngine engine, IOptions<CustomersOptions> options, TimeProvider clock, ILogger<DemoDataSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = options.Value.DemoCustomers;
        if (count == 0)
        {
            return;
        }

        if (engine.Tables.AnyMapped)
        {
            LogMapped(string.Join(", ", engine.Tables.Mapped.Select(m => m.Table.Name)));
            return;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (await new DemoDataGenerator(engine).SeedIfEmptyAsync(count, today, cancellationToken))
        {
            LogSeeded(count, engine.Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "No demo customers: {Tables} are read from your own tables (Customers:Tables)")]
    private partial void LogMapped(string tables);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated {Count} demo customers in the {Engine} customer engine")]
    private partial void LogSeeded(long count, string engine);
}
