using System.Diagnostics;
using CampaignBot.App;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.App.Scheduling;
using CampaignBot.App.Storage;
using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Lifecycle;

/// <summary>A run whose service died (kill -9) reads as interrupted and resumes within seconds of a restart, exactly once.</summary>
public sealed class InterruptedRunTests : IDisposable
{
    private readonly string _killedFolder = Directory.CreateTempSubdirectory("campaignbot-killed-").FullName;

    private string Outbox => Path.Combine(_killedFolder, "outbox");

    public void Dispose() => Directory.Delete(_killedFolder, recursive: true);

    [Theory]
    [InlineData(2, false)]
    [InlineData(600, true)]
    public async Task A_run_left_running_by_a_killed_service_reads_interrupted_resuming_after_a_restart_and_resumes_exactly_once(int restartAfterSeconds, bool afterWriting)
    {
        var (id, runId) = await KillMidRunAsync(afterWriting);
        await using var host = Restart(TimeSpan.FromSeconds(restartAfterSeconds));
        var restartedAt = host.Clock.GetUtcNow();

        using var vic = host.Client("vic");
        var run = await (await vic.GetAsync($"/api/runs/{runId}")).ReadAsync<RunView>();
        Assert.Equal(("Interrupted", "interrupted, resuming"), (run.Status, run.StatusText));
        var campaign = await (await vic.GetAsync($"/api/campaigns/{id}")).ReadAsync<CampaignView>();
        Assert.Equal((CampaignStatus.Running, "interrupted, resuming"), (campaign.Status, campaign.StatusText));
        Assert.StartsWith("Interrupted, resuming", campaign.StatusReason, StringComparison.Ordinal);
        var runs = (await host.SayAsync("maya", "runs Winter welcome")).Message().Text();
        Assert.Contains("UTC: interrupted, resuming", runs, StringComparison.Ordinal);
        Assert.Contains("Status: Interrupted, resuming", runs, StringComparison.Ordinal);
        Assert.Contains("Winter welcome: run interrupted, resuming", CampaignBot.Conversations.Cards.RunCard.For(run, host.Clock.GetUtcNow()).Text(), StringComparison.Ordinal);
        Assert.Contains("Status: Interrupted, resuming", (await host.SayAsync("maya", "show Winter welcome")).Message().Text(), StringComparison.Ordinal);

        await host.TickAsync();

        Assert.True(host.Clock.GetUtcNow() - restartedAt < TimeSpan.FromSeconds(30));
        var resumed = host.OnlyRun(id);
        Assert.Equal((nameof(RunStatus.Completed), "completed", 2), (resumed.Status, resumed.StatusText, resumed.Attempts));
        Assert.Equal("completed", host.View(id).StatusText);
        RunAssert.DeliveredExactlyOnce(resumed, Outbox, minimumBatches: 3);
        var ledger = host.Get<RunStore>().BatchesOf(runId);
        Assert.Equal(ledger.Count, ledger.Select(b => (b.DeliveryKey, b.Sequence)).Distinct().Count());
        Assert.Equal(resumed.Recipients, ledger.Sum(b => (long)b.Rows));
    }

    [Fact]
    public async Task A_service_restarted_right_after_being_killed_resumes_the_run_at_once_rather_than_when_the_dead_lease_ends()
    {
        var (id, _) = await KillMidRunAsync(afterWriting: true);

        // The background scheduler runs, and its clock stands still: only the restart itself can get the run going.
        await using var host = Restart(TimeSpan.FromSeconds(2), scheduler: true);
        var restartedAt = host.Clock.GetUtcNow();
        var waited = Stopwatch.StartNew();
        while (host.OnlyRun(id).Status != nameof(RunStatus.Completed) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        var resumed = host.OnlyRun(id);
        Assert.Equal((nameof(RunStatus.Completed), 2), (resumed.Status, resumed.Attempts));
        Assert.Equal(restartedAt, host.Clock.GetUtcNow());
        RunAssert.DeliveredExactlyOnce(resumed, Outbox, minimumBatches: 3);
    }

    [Fact]
    public async Task A_live_worker_keeps_its_run_through_a_batch_that_takes_a_minute()
    {
        HangingConnectors? hanging = null;
        await using var host = new LifecycleHost(
            new Dictionary<string, string?> { ["Scheduler:BatchSize"] = "20" },
            services => services.AddSingleton<IConnectorFactory>(_ =>
                hanging = new HangingConnectors(new ConnectorFactory(Path.GetTempPath()), hangAtBatch: 3, afterWriting: false)));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        var working = await host.Scheduler.TickAsync(8, CancellationToken.None);
        await hanging!.Hung;
        var runId = host.OnlyRun(id).Id;
        var other = ActivatorUtilities.CreateInstance<CampaignScheduler>(host.Factory.Services);
        var lease = host.Get<IOptions<SchedulerOptions>>().Value.LeaseDuration;

        // Slow is not dead: every few seconds the heartbeat renews the 15 s lease, and no other scheduler takes the run.
        for (var step = 0; step < 12; step++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(5));
            await RenewedAsync(host, runId, host.Clock.GetUtcNow() + lease);
            Assert.Empty(await other.TickAsync(8, CancellationToken.None));
            Assert.Equal(nameof(RunStatus.Running), host.OnlyRun(id).Status);
        }

        hanging.Revive();
        await Task.WhenAll(working);
        var finished = host.OnlyRun(id);
        Assert.Equal((nameof(RunStatus.Completed), 1), (finished.Status, finished.Attempts));
        RunAssert.DeliveredExactlyOnce(finished, host.Outbox, minimumBatches: 3);
    }

    [Fact]
    public void A_lease_renewed_less_often_than_every_half_lease_is_refused_at_start_up()
    {
        var error = StartupValidation.Failure(
            new Dictionary<string, string?> { ["Scheduler:LeaseDuration"] = "00:00:15", ["Scheduler:LeaseRenewInterval"] = "00:00:10" },
            services => services.AddCampaignLifecycle());

        Assert.Contains(
            "Scheduler:LeaseRenewInterval (00:00:10) must be at most half of Scheduler:LeaseDuration (00:00:15)",
            error.Message, StringComparison.Ordinal);
    }

    // A service killed in the middle of a run: the run stays Running in the LiteDB file with the lease its heartbeat
    // last renewed, two batches committed and the third written or not. Nothing of that process comes back.
    private async Task<(Guid Campaign, string Run)> KillMidRunAsync(bool afterWriting)
    {
        HangingConnectors? hanging = null;
        var killed = new LifecycleHost(
            new Dictionary<string, string?> { ["Scheduler:BatchSize"] = "20" },
            services => services.AddSingleton<IConnectorFactory>(_ =>
                hanging = new HangingConnectors(new ConnectorFactory(Path.GetTempPath()), hangAtBatch: 3, afterWriting)),
            dataFolder: _killedFolder);
        var id = await killed.ApprovedAsync(TestDrafts.OneTime());
        _ = await killed.Scheduler.TickAsync(8, CancellationToken.None);
        await hanging!.Hung;
        var run = killed.OnlyRun(id);
        Assert.Equal((nameof(RunStatus.Running), 2), (run.Status, run.Deliveries.Sum(d => d.Batches)));

        // Closing the host lets go of the file as the dead process's end would; its hung worker never writes again.
        // The log is folded into the file first: LiteDB 5.0.20 now and then fails to reopen, in the same process, a
        // log it has just written ("ReadFull must read PAGE_SIZE bytes", LiteDB issue 2523), and these tests are
        // about the run's lease, not LiteDB's recovery.
        killed.Get<AppDatabase>().Database.Checkpoint();
        await killed.DisposeAsync();
        return (id, run.Id);
    }

    // The service started again on the killed one's LiteDB file and outbox (with customers of its own, seeded alike).
    private LifecycleHost Restart(TimeSpan after, bool scheduler = false) => new(
        new Dictionary<string, string?>
        {
            ["Scheduler:BatchSize"] = "20",
            ["Storage:LiteDbPath"] = Path.Combine(_killedFolder, "campaignbot.db"),
            ["Destinations:0:Location"] = Outbox,
            ["Scheduler:Enabled"] = scheduler ? "true" : "false",
        },
        clock: new FakeTimeProvider(LifecycleHost.Start + after));

    private static async Task RenewedAsync(LifecycleHost host, string runId, DateTimeOffset leaseUntil)
    {
        var waited = Stopwatch.StartNew();
        while (host.Get<RunStore>().Get(runId)!.LeaseUntil < leaseUntil)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"The lease of run {runId} was not renewed to {leaseUntil:O}.");
            await Task.Delay(10);
        }
    }
}
