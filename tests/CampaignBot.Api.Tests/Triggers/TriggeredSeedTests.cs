using System.Globalization;
using System.Net;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Api.Tests.SeedLists;
using CampaignBot.App.SeedLists;
using CampaignBot.Core.Seeds;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Triggers;

public sealed class TriggeredSeedTests
{
    [Fact]
    public async Task A_pass_that_reaches_nobody_in_a_group_sends_that_group_no_seeds()
    {
        var clock = new FakeTimeProvider(LifecycleHost.Start);
        await using var host = new LifecycleHost(new Dictionary<string, string?> { ["Triggers:Cooldown"] = "00:00:00" }, clock: clock);
        using var maya = host.Client("maya");
        await (await maya.PostJsonAsync("/api/seed-lists", SeedListDeliveryTests.Directors)).ReadAsync<SeedListView>(HttpStatusCode.Created);
        var id = await host.ApprovedAsync(TriggerKit.Orders() with { SeedLists = [new SeedListDraft { Name = "Marketing directors" }] });

        clock.Advance(TimeSpan.FromSeconds(5));
        await host.SendAsync(TriggerKit.OrdersFor(Enumerable.Range(1, 200), "o", clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.TickAsync();
        var first = Assert.Single(host.Passes(id));
        var files = Directory.GetFiles(host.Outbox, "*.part-*.csv", SearchOption.AllDirectories).Length;
        var seeded = TriggerKit.Delivered(host.Outbox).Count(c => SeedListDeliveryTests.SeedIds.Contains(c));
        Assert.Equal(files * SeedListDeliveryTests.SeedIds.Length, seeded);

        // The next order is a control member's: the pass runs and holds them out, and sends no seeds to an empty group
        // (every pass of a busy trigger would otherwise mail the seeds, with nothing for them to check).
        var held = int.Parse(TriggerKit.Control(first).First()[1..], CultureInfo.InvariantCulture);
        await host.SendAsync(TriggerKit.OrdersFor([held], "again", clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(1));
        await host.TickAsync();
        Assert.Equal(2, host.Passes(id).Count);
        Assert.Equal(0, host.Passes(id)[1].Recipients());
        Assert.Equal(files, Directory.GetFiles(host.Outbox, "*.part-*.csv", SearchOption.AllDirectories).Length);
    }
}
