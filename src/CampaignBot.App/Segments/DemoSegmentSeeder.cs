using CampaignBot.App.Customers;
using CampaignBot.Customers.DemoData;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Segments;

/// <summary>With demo customers, stores the demo segments on first start so a campaign can be built at once.</summary>
public sealed partial class DemoSegmentSeeder(SegmentStore segments, IOptions<CustomersOptions> customers, ILogger<DemoSegmentSeeder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (customers.Value.DemoCustomers > 0 && segments.SeedIfEmpty(DemoSegments.All) is var added and > 0)
        {
            LogSeeded(added);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Count} demo segments")]
    private partial void LogSeeded(int count);
}
