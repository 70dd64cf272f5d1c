using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Runs;
using CampaignBot.Core.Lifecycle;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Triggers;

public sealed class TriggeredCampaignTests
{
    private static readonly TimeSpan Pass = TimeSpan.FromMinutes(1);

    private static Dictionary<string, string?> Settings(string cooldown = "00:00:00") => new()
    {
        ["Triggers:Cooldown"] = cooldown,
        ["Scheduler:BatchSize"] = "20",
    };

    [Fact]
    public async Task Each_event_sends_its_customer_once_across_passes_replayed_ids_and_a_restart()
    {
        var clock = new FakeTimeProvider(LifecycleHost.Start);
        var folder = Directory.CreateTempSubdirectory("campaignbot-trigger-").FullName;
        try
        {
            Core.Campaigns.CampaignId id;
            List<string> first;
            await using (var host = new LifecycleHost(Settings(), dataFolder: folder, clock: clock))
            {
                id = await host.ApprovedAsync(TriggerKit.Orders());
                await host.TickAsync();
                Assert.Empty(host.Passes(id));

                clock.Advance(TimeSpan.FromSeconds(5));
                Assert.Equal((300, 0), await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 300), "o", clock.GetUtcNow())));
                clock.Advance(Pass);
                await host.TickAsync();
                var pass = Assert.Single(host.Passes(id));
                Assert.Equal(nameof(RunStatus.Completed), pass.Status);
                first = TriggerKit.Delivered(host.Outbox);
                Assert.True(pass.Recipients() > 20, $"only {pass.Recipients()} recipients");
                Assert.Equal(pass.Recipients(), first.Count);
                Assert.Equal(first.Count, first.Distinct().Count());
                Assert.Equal(CampaignStatus.Scheduled, host.View(id).Status);

                // The same ids again (a sender retrying): accepted, stored once, and no pass sends them again.
                Assert.Equal((0, 300), await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 300), "o", clock.GetUtcNow())));
                clock.Advance(Pass);
                await host.TickAsync();
                Assert.Single(host.Passes(id));
            }

            // A restart on the same files: the ledger is durable, so replays stay spent and only new events send.
            await using (var host = new LifecycleHost(Settings(), dataFolder: folder, clock: clock))
            {
                Assert.Equal((0, 300), await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 300), "o", clock.GetUtcNow())));
                Assert.Equal((300, 0), await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 300), "again", clock.GetUtcNow())));
                clock.Advance(Pass);
                await host.TickAsync();
                clock.Advance(Pass);
                await host.TickAsync();

                var passes = host.Passes(id);
                Assert.Equal(2, passes.Count);
                var all = TriggerKit.Delivered(host.Outbox);
                Assert.Equal(passes.Sum(p => p.Recipients()), all.Count);
                // Each customer once per event: twice in all (two orders each), never more.
                Assert.All(all.GroupBy(c => c), g => Assert.Equal(2, g.Count()));
                Assert.Equal(first.Order(), all.Distinct().Order());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Control_members_of_a_triggered_campaign_are_never_sent_and_stay_in_control_on_every_pass()
    {
        await using var host = new LifecycleHost(Settings());
        var id = await host.ApprovedAsync(TriggerKit.Orders(control: 40));
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 300), "o", host.Clock.GetUtcNow()));
        host.Clock.Advance(Pass);
        await host.TickAsync();
        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 300), "p", host.Clock.GetUtcNow()));
        host.Clock.Advance(Pass);
        await host.TickAsync();

        var passes = host.Passes(id);
        Assert.Equal(2, passes.Count);
        var control = TriggerKit.Control(passes[0]);
        Assert.True(control.Count > 10, $"only {control.Count} in control");
        Assert.Equal(control.Order(), TriggerKit.Control(passes[1]).Order());
        var delivered = TriggerKit.Delivered(host.Outbox);
        Assert.NotEmpty(delivered);
        Assert.DoesNotContain(delivered, control.Contains);
    }

    [Fact]
    public async Task A_customer_reached_within_the_cooldown_is_not_sent_again_until_it_has_passed()
    {
        await using var host = new LifecycleHost(Settings(cooldown: "01:00:00"));
        var id = await host.ApprovedAsync(TriggerKit.Orders(control: 0));
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 100), "o", host.Clock.GetUtcNow()));
        host.Clock.Advance(Pass);
        await host.TickAsync();
        var first = TriggerKit.Delivered(host.Outbox);
        Assert.NotEmpty(first);

        // Ten minutes later the same customers order again: the pass takes the events and sends nobody.
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 100), "p", host.Clock.GetUtcNow()));
        host.Clock.Advance(Pass);
        await host.TickAsync();
        var passes = host.Passes(id);
        Assert.Equal(2, passes.Count);
        Assert.Equal(0, passes[1].Recipients());
        Assert.Equal(first.Count, TriggerKit.Delivered(host.Outbox).Count);

        // After the cooldown their next orders send again.
        host.Clock.Advance(TimeSpan.FromHours(1));
        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 100), "q", host.Clock.GetUtcNow()));
        host.Clock.Advance(Pass);
        await host.TickAsync();
        var all = TriggerKit.Delivered(host.Outbox);
        Assert.Equal(first.Count * 2, all.Count);
        Assert.All(all.GroupBy(c => c), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task Only_events_passing_the_filter_send()
    {
        await using var host = new LifecycleHost(Settings());
        var id = await host.ApprovedAsync(TriggerKit.Orders(filter: "amount > 100", control: 0));
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 150), "small", host.Clock.GetUtcNow(), amount: 40));
        host.Clock.Advance(Pass);
        await host.TickAsync();
        Assert.Empty(host.Passes(id));

        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(151, 150), "big", host.Clock.GetUtcNow(), amount: 250));
        host.Clock.Advance(Pass);
        await host.TickAsync();
        var delivered = TriggerKit.Delivered(host.Outbox);
        Assert.NotEmpty(delivered);
        Assert.All(delivered, c => Assert.True(string.CompareOrdinal(c, TriggerKit.CustomerId(151)) >= 0, c));
    }

    [Fact]
    public async Task Pausing_a_triggered_campaign_stops_its_passes_until_it_is_resumed()
    {
        await using var host = new LifecycleHost(Settings());
        var id = await host.ApprovedAsync(TriggerKit.Orders(control: 0));
        host.Campaigns.Pause(id, host.Maya).Unwrap();
        host.Clock.Advance(TimeSpan.FromSeconds(5));
        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 100), "o", host.Clock.GetUtcNow()));
        host.Clock.Advance(Pass);
        await host.TickAsync();
        Assert.Empty(host.Passes(id));
        Assert.Empty(TriggerKit.Delivered(host.Outbox));

        host.Campaigns.Resume(id, host.Maya).Unwrap();
        host.Clock.Advance(Pass);
        await host.TickAsync();
        Assert.Single(host.Passes(id));
        Assert.NotEmpty(TriggerKit.Delivered(host.Outbox));
    }
}
