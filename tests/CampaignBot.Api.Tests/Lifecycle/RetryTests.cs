using CampaignBot.App.Runs;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class RetryTests
{
    [Fact]
    public async Task A_failed_delivery_is_retried_alone_and_what_was_delivered_is_not_sent_again()
    {
        var refusing = new RefusingConnectors(new ConnectorFactory(Path.GetTempPath()))
        {
            Refuse = batch => batch.Target.Group == "Email B" ? new BatchOutcome.Permanent("The folder is read-only.", FailureKind.Permission) : null,
        };
        await using var host = new LifecycleHost(services: s => s.AddSingleton<IConnectorFactory>(refusing));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        var failed = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.PartiallyFailed), failed.Status);
        Assert.Equal(CampaignStatus.PartiallyFailed, host.Campaigns.Get(id, host.Maya).Unwrap().Status);
        var broken = Assert.Single(failed.Deliveries, d => d.Status == "Failed");
        Assert.Equal(("Email B", "Batch 1 failed: The folder is read-only.", "Permission"), (broken.Group, broken.Error, broken.Failure));
        Assert.Equal(["retry"], failed.Actions);
        var firstDelivered = Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc).Single();

        refusing.Refuse = _ => null;
        host.Runs.Retry(failed.Id, host.Maya).Unwrap();
        await host.TickAsync();

        var retried = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), retried.Status);
        Assert.Equal(CampaignStatus.Completed, host.Campaigns.Get(id, host.Maya).Unwrap().Status);
        Assert.Equal([1, 2], retried.Deliveries.Select(d => d.Attempts).Order());
        Assert.Equal(retried.Recipients, retried.Deliveries.Sum(d => d.Rows));
        Assert.Contains(firstDelivered, Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc));
        Assert.IsType<CampaignBot.App.Application.ServiceResult<RunView>.Conflict>(host.Runs.Retry(failed.Id, host.Maya));
    }
}
