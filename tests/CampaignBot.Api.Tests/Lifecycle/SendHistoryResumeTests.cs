using CampaignBot.App.Runs;
using CampaignBot.Customers.Engine;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Lifecycle;

/// <summary>
/// A worker that dies after writing a step's send history but before saving the step leaves rows behind; the
/// scheduler that resumes the run writes the step again and must replace those rows, not add to them. Only the first
/// attempt at a step skips the delete.
/// </summary>
public sealed class SendHistoryResumeTests
{
    [Theory]
    [InlineData("control")]
    [InlineData("delivery")]
    public async Task A_step_written_again_after_its_worker_died_is_in_the_send_history_once(string lostStep)
    {
        // The dying worker hangs at the first batch of Email A (control recorded, count saved) or of Email B (Email A
        // delivered and recorded); its clock never moves, so its lease lapses for the survivor.
        HangingAtGroup? hanging = null;
        var shared = new Dictionary<string, string?> { ["Storage:Connection"] = "shared", ["Scheduler:BatchSize"] = "20" };
        await using var dying = new LifecycleHost(shared, services => services.AddSingleton<IConnectorFactory>(
            hanging = new HangingAtGroup(new ConnectorFactory(Path.GetTempPath()), lostStep == "control" ? "Email A" : "Email B")));
        await using var survivor = new LifecycleHost(new Dictionary<string, string?>(shared)
        {
            ["Storage:LiteDbPath"] = Path.Combine(dying.Factory.DataFolder, "campaignbot.db"),
            ["Destinations:0:Location"] = dying.Outbox,
            ["Customers:DuckDbPath"] = ((DuckDbEngine)dying.Get<CustomerEngine>()).DataSource,
        });
        var id = await dying.ApprovedAsync(TestDrafts.OneTime());
        var zombie = await dying.Scheduler.TickAsync(8, CancellationToken.None);
        await hanging!.Hung;

        // Rewind the ledger to the moment after the step's rows were written and before the step was saved.
        var store = survivor.Get<RunStore>();
        var run = store.Get(survivor.OnlyRun(id).Id)!;
        if (lostStep == "control")
        {
            run.Counted = false;
            run.Groups = [];
            run.Deliveries = [];
        }
        else
        {
            var delivered = run.Deliveries.Single(d => d.GroupName == "Email A");
            Assert.Equal(DeliveryStatus.Delivered, delivered.Status);
            delivered.Status = DeliveryStatus.Pending;
        }

        Assert.True(store.TryUpdate(run, run.Version));
        Assert.NotEmpty(await survivor.SentPerGroupAsync(id));

        survivor.Clock.Advance(survivor.Get<Microsoft.Extensions.Options.IOptions<SchedulerOptions>>().Value.LeaseDuration);
        await Task.WhenAll(await survivor.Scheduler.TickAsync(8, CancellationToken.None));
        var resumed = survivor.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), resumed.Status);

        var members = resumed.Groups.ToDictionary(g => g.Group, g => g.Members);
        Assert.Equal(members, await survivor.SentPerGroupAsync(id));
        hanging.Revive();
        await Task.WhenAll(zombie);
        Assert.Equal(members, await survivor.SentPerGroupAsync(id));
    }

    // Hangs the first batch of one group until revived, before it reaches the destination.
    private sealed class HangingAtGroup(IConnectorFactory real, string group) : IConnectorFactory
    {
        private readonly TaskCompletionSource _revive = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _hung = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly string _group = group;

        public Task Hung => _hung.Task;

        public bool Supports(CampaignBot.Core.Destinations.DestinationKind kind) => real.Supports(kind);

        public IDestinationConnector Create(CampaignBot.Core.Destinations.DestinationInstance instance) => new Hanging(real.Create(instance), this);

        public void Revive() => _revive.TrySetResult();

        private sealed class Hanging(IDestinationConnector inner, HangingAtGroup owner) : IDestinationConnector
        {
            public CampaignBot.Core.Destinations.DestinationInstance Instance => inner.Instance;

            public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
            {
                if (batch.Target.Group == owner._group && owner._hung.TrySetResult())
                {
                    await owner._revive.Task;
                }

                return await inner.DeliverAsync(batch, cancellationToken);
            }

            public Task<string?> CompleteAsync(DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken) =>
                inner.CompleteAsync(target, batches, dropped, cancellationToken);
        }
    }
}
