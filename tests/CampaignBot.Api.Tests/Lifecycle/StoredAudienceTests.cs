using CampaignBot.App.Runs;
using CampaignBot.Customers.Engine;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Lifecycle;

/// <summary>A run builds its audience once into a table of the customer engine and reads it until the run ends.</summary>
public sealed class StoredAudienceTests
{
    [Fact]
    public async Task A_run_keeps_its_audience_in_the_engine_while_it_runs_and_drops_it_when_it_completes()
    {
        HangingConnectors? hanging = null;
        await using var host = Host(factory => hanging = new HangingConnectors(factory, hangAtBatch: 2, afterWriting: false));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());

        var work = await host.Scheduler.TickAsync(8, CancellationToken.None);
        await hanging!.Hung;
        Assert.Equal(1, await RunTablesAsync(host));

        hanging.Revive();
        await Task.WhenAll(work);
        var run = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), run.Status);
        RunAssert.DeliveredExactlyOnce(run, host.Outbox, minimumBatches: 2);
        Assert.Equal(0, await RunTablesAsync(host));
    }

    [Fact]
    public async Task An_opt_out_recorded_during_a_run_is_honoured_by_the_deliveries_not_yet_started()
    {
        HangingConnectors? hanging = null;
        await using var host = Host(factory => hanging = new HangingConnectors(factory, hangAtBatch: 1, afterWriting: false));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());

        var work = await host.Scheduler.TickAsync(8, CancellationToken.None);
        await hanging!.Hung;
        // Everyone opts out of everything while the first delivery waits on its first batch, after the run was counted.
        await ExecuteAsync(host, "INSERT INTO suppressions (customer_id, email, channel, reason) SELECT customer_id, NULL, 'all', 'opt-out' FROM customer_360");
        hanging.Revive();
        await Task.WhenAll(work);

        var run = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), run.Status);
        Assert.True(run.Deliveries[0].Rows > 0, "The first delivery's stream was open before the opt-outs.");
        Assert.Equal(0, run.Deliveries[1].Rows);
    }

    private static LifecycleHost Host(Func<IConnectorFactory, IConnectorFactory> wrap) =>
        new(new Dictionary<string, string?> { ["Scheduler:BatchSize"] = "20" },
            services => services.AddSingleton(_ => wrap(new ConnectorFactory(Path.GetTempPath()))));

    private static async Task<long> RunTablesAsync(LifecycleHost host)
    {
        var engine = host.Get<CustomerEngine>();
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'run_audience_%'", []));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(LifecycleHost host, string sql)
    {
        var engine = host.Get<CustomerEngine>();
        await using var connection = await engine.OpenAsync();
        await connection.ExecuteAsync(engine, sql);
    }
}
