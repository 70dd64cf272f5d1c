using CampaignBot.Api.Runs;
using CampaignBot.Api.Scheduling;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class CrashResumeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_run_whose_worker_dies_between_batches_is_resumed_by_another_scheduler_without_losing_or_repeating_a_batch(bool afterWriting)
    {
        HangingConnectors? hanging = null;
        await using var host = new LifecycleHost(
            new Dictionary<string, string?> { ["Scheduler:BatchSize"] = "20" },
            services => services.AddSingleton<IConnectorFactory>(provider =>
                hanging = new HangingConnectors(new ConnectorFactory(Path.GetTempPath()), hangAtBatch: 3, afterWriting)));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());

        var dying = await host.Scheduler.TickAsync(8, CancellationToken.None);
        await hanging!.Hung;
        var stuck = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Running), stuck.Status);
        Assert.Equal(2, stuck.Deliveries.Sum(d => d.Batches));

        // Nobody takes the run over while its lease lasts; after it runs out, a second scheduler resumes it.
        var other = ActivatorUtilities.CreateInstance<CampaignScheduler>(host.Factory.Services);
        Assert.Empty(await other.TickAsync(8, CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(await other.TickAsync(8, CancellationToken.None));

        var resumed = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), resumed.Status);
        Assert.Equal(2, resumed.Attempts);
        Assert.Equal(CampaignStatus.Completed, host.Campaigns.Get(id, host.Maya).Unwrap().Status);

        // The first worker wakes up as a zombie: it has lost the run and must not write anything more.
        hanging.Revive();
        await Task.WhenAll(dying);
        Assert.Equal(resumed.Deliveries.Sum(d => d.Batches), host.OnlyRun(id).Deliveries.Sum(d => d.Batches));

        foreach (var group in resumed.Groups.Where(g => !g.IsControl))
        {
            var delivery = Assert.Single(resumed.Deliveries, d => d.Group == group.Group);
            var ids = Directory.GetFiles(host.Outbox, $"*{Core.Destinations.ListNames.Slug(group.Group)}.part-*.csv", SearchOption.AllDirectories)
                .SelectMany(f => File.ReadLines(f).Skip(1)).Select(l => l.Split(',')[0]).ToList();
            Assert.Equal(group.Members, ids.Count);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(group.Members, delivery.Rows);
            Assert.True(delivery.Batches >= 3, $"{delivery.Group} had {delivery.Batches} batches");
        }
    }
}
