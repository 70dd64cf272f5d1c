using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Runs;
using CampaignBot.Customers.Engine;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Triggers;

public sealed class TriggerCrashTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_pass_killed_part_way_is_finished_by_another_instance_and_no_event_sends_twice_or_is_lost(bool afterWriting)
    {
        // Two service instances on one LiteDB file and one customer engine. The first one's worker hangs at batch 3 as a
        // dead process would; its clock never moves, so its lease lapses for the second one, which takes the pass over.
        HangingConnectors? hanging = null;
        var dyingClock = new FakeTimeProvider(LifecycleHost.Start);
        var settings = new Dictionary<string, string?> { ["Storage:Connection"] = "shared", ["Scheduler:BatchSize"] = "20", ["Triggers:Cooldown"] = "00:00:00" };
        await using var dying = new LifecycleHost(settings, services => services.AddSingleton<IConnectorFactory>(provider =>
            hanging = new HangingConnectors(new ConnectorFactory(Path.GetTempPath()), hangAtBatch: 3, afterWriting)), clock: dyingClock);
        await using var survivor = new LifecycleHost(new Dictionary<string, string?>(settings)
        {
            ["Storage:LiteDbPath"] = Path.Combine(dying.Factory.DataFolder, "campaignbot.db"),
            ["Customers:DuckDbPath"] = Path.Combine(dying.Factory.DataFolder, "customers.duckdb"),
            ["Destinations:0:Location"] = dying.Outbox,
        });
        var id = await dying.ApprovedAsync(TriggerKit.Orders(control: 0));
        await dying.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 300), "o", LifecycleHost.Start));

        var zombie = await dying.Scheduler.TickAsync(8, CancellationToken.None);
        await hanging!.Hung;

        // While the pass hangs, the same events are replayed and new ones arrive; passes on the survivor race it.
        await survivor.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 300), "o", LifecycleHost.Start));
        await survivor.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(301, 200), "n", LifecycleHost.Start));
        Assert.Empty(await survivor.Scheduler.TickAsync(8, CancellationToken.None));

        var lease = survivor.Get<IOptions<SchedulerOptions>>().Value.LeaseDuration;
        survivor.Clock.Advance(lease);
        await Task.WhenAll(await survivor.Scheduler.TickAsync(8, CancellationToken.None));
        survivor.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(await survivor.Scheduler.TickAsync(8, CancellationToken.None));
        survivor.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(await survivor.Scheduler.TickAsync(8, CancellationToken.None));

        hanging.Revive();
        await Task.WhenAll(zombie);

        var passes = survivor.Passes(id);
        Assert.Equal(2, passes.Count);
        Assert.All(passes, p => Assert.Equal(nameof(RunStatus.Completed), p.Status));
        Assert.Equal(2, passes[0].Attempts);
        var delivered = TriggerKit.Delivered(dying.Outbox);
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
        Assert.Equal(passes.Sum(p => p.Recipients()), delivered.Count);
        Assert.Contains(delivered, c => string.CompareOrdinal(c, TriggerKit.CustomerId(300)) <= 0);
        Assert.Contains(delivered, c => string.CompareOrdinal(c, TriggerKit.CustomerId(300)) > 0);
    }

    [Fact]
    public async Task Two_instances_passing_at_the_same_moment_send_each_event_once()
    {
        var clock = new FakeTimeProvider(LifecycleHost.Start);
        var settings = new Dictionary<string, string?> { ["Storage:Connection"] = "shared", ["Scheduler:BatchSize"] = "20", ["Triggers:Cooldown"] = "00:00:00" };
        await using var first = new LifecycleHost(settings, clock: clock);
        await using var second = new LifecycleHost(new Dictionary<string, string?>(settings)
        {
            ["Storage:LiteDbPath"] = Path.Combine(first.Factory.DataFolder, "campaignbot.db"),
            ["Customers:DuckDbPath"] = Path.Combine(first.Factory.DataFolder, "customers.duckdb"),
            ["Destinations:0:Location"] = first.Outbox,
        }, clock: clock);
        var id = await first.ApprovedAsync(TriggerKit.Orders(control: 0));

        for (var round = 0; round < 3; round++)
        {
            await first.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1 + (round * 100), 150), $"r{round}", clock.GetUtcNow()));
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAll(Task.Run(first.TickAsync), Task.Run(second.TickAsync));
        }

        var passes = first.Passes(id);
        Assert.Equal(3, passes.Count);
        Assert.All(passes, p => Assert.Equal((nameof(RunStatus.Completed), 1), (p.Status, p.Attempts)));
        var delivered = TriggerKit.Delivered(first.Outbox);
        Assert.Equal(passes.Sum(p => p.Recipients()), delivered.Count);
        // Rounds overlap by 50 customers, who ordered in both: each customer exactly once per order.
        Assert.All(delivered.GroupBy(c => c), g =>
        {
            var n = int.Parse(g.Key[1..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Enumerable.Range(0, 3).Count(r => n > r * 100 && n <= (r * 100) + 150), g.Count());
        });
    }

    [Fact]
    public async Task A_pass_that_fails_before_counting_its_audience_gives_its_events_to_the_next_pass_which_sends_each_once()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?> { ["Scheduler:BatchSize"] = "20", ["Triggers:Cooldown"] = "00:00:00" });
        var id = await host.ApprovedAsync(TriggerKit.Orders(control: 0));
        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 300), "o", LifecycleHost.Start));

        // The pass takes the events, then the audience step throws: the customer table is away for this one pass.
        await CustomersTableAsync(host, "customer_360", "customer_360_away");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.TickAsync();
        var failed = Assert.Single(host.Passes(id));
        Assert.Equal(nameof(RunStatus.Failed), failed.Status);
        Assert.Empty(TriggerKit.Delivered(host.Outbox));

        await CustomersTableAsync(host, "customer_360_away", "customer_360");
        for (var pass = 0; pass < 3; pass++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            await host.TickAsync();
        }

        var passes = host.Passes(id);
        Assert.Equal(2, passes.Count);
        Assert.Equal(nameof(RunStatus.Completed), passes[1].Status);
        var delivered = TriggerKit.Delivered(host.Outbox);
        Assert.True(delivered.Count > 20, $"only {delivered.Count} delivered");
        Assert.Equal(passes[1].Recipients(), delivered.Count);
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
    }

    private static async Task CustomersTableAsync(LifecycleHost host, string from, string to)
    {
        var engine = host.Get<CustomerEngine>();
        await using var connection = await engine.OpenAsync();
        await connection.ExecuteAsync(engine, $"ALTER TABLE {from} RENAME TO {to}", null, CancellationToken.None);
    }
}
