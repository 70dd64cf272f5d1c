using CampaignBot.App.Runs;
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
        // Two service instances on one shared file. The first one's clock never moves, so its heartbeat never
        // renews the lease: to everyone else it is as good as dead once its worker hangs at batch 3.
        HangingConnectors? hanging = null;
        var shared = new Dictionary<string, string?> { ["Storage:Connection"] = "shared", ["Scheduler:BatchSize"] = "20" };
        await using var dying = new LifecycleHost(shared, services => services.AddSingleton<IConnectorFactory>(provider =>
            hanging = new HangingConnectors(new ConnectorFactory(Path.GetTempPath()), hangAtBatch: 3, afterWriting)));
        await using var survivor = new LifecycleHost(new Dictionary<string, string?>(shared)
        {
            ["Storage:LiteDbPath"] = Path.Combine(dying.Factory.DataFolder, "campaignbot.db"),
            ["Destinations:0:Location"] = dying.Outbox,
        });
        var id = await dying.ApprovedAsync(TestDrafts.OneTime());

        var zombie = await dying.Scheduler.TickAsync(8, CancellationToken.None);
        await hanging!.Hung;
        var stuck = survivor.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Running), stuck.Status);
        Assert.Equal(2, stuck.Deliveries.Sum(d => d.Batches));

        // Nobody takes the run over while its lease lasts; once it lapses the run reads as interrupted, and the next
        // pass resumes it: within the lease and one poll interval of the last renewal, well inside 30 s.
        var lease = survivor.Get<Microsoft.Extensions.Options.IOptions<SchedulerOptions>>().Value.LeaseDuration;
        Assert.Empty(await survivor.Scheduler.TickAsync(8, CancellationToken.None));
        survivor.Clock.Advance(lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await survivor.Scheduler.TickAsync(8, CancellationToken.None));
        survivor.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((RunView.Interrupted, RunView.InterruptedText), (survivor.OnlyRun(id).Status, survivor.OnlyRun(id).StatusText));
        await Task.WhenAll(await survivor.Scheduler.TickAsync(8, CancellationToken.None));
        Assert.True(survivor.Clock.GetUtcNow() - LifecycleHost.Start <= TimeSpan.FromSeconds(30));

        var resumed = survivor.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), resumed.Status);
        Assert.Equal(2, resumed.Attempts);
        Assert.Equal(CampaignStatus.Completed, survivor.Campaigns.Get(id, survivor.Maya).Unwrap().Status);

        // The first worker wakes up as a zombie: it has lost the run and must not write anything more.
        hanging.Revive();
        await Task.WhenAll(zombie);
        Assert.Equal(resumed.Deliveries.Sum(d => d.Batches), survivor.OnlyRun(id).Deliveries.Sum(d => d.Batches));
        RunAssert.DeliveredExactlyOnce(resumed, dying.Outbox, minimumBatches: 3);
    }
}

/// <summary>What a resumed run must prove: every recipient in the outbox files once, none missing, none twice.</summary>
internal static class RunAssert
{
    public static void DeliveredExactlyOnce(RunView run, string outbox, int minimumBatches = 1)
    {
        foreach (var group in run.Groups.Where(g => !g.IsControl))
        {
            var delivery = Assert.Single(run.Deliveries, d => d.Group == group.Group);
            var ids = Directory.GetFiles(outbox, $"*{Core.Destinations.ListNames.Slug(group.Group)}.part-*.csv", SearchOption.AllDirectories)
                .SelectMany(f => File.ReadLines(f).Skip(1)).Select(l => l.Split(',')[0]).ToList();
            Assert.Equal(group.Members, ids.Count);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(group.Members, delivery.Rows);
            Assert.True(delivery.Batches >= minimumBatches, $"{delivery.Group} had {delivery.Batches} batches");
        }
    }
}
