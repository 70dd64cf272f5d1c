using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class TwoSchedulersTests
{
    [Fact]
    public async Task Two_service_instances_on_one_database_never_run_an_occurrence_twice()
    {
        var clock = new FakeTimeProvider(LifecycleHost.Start);
        var shared = new Dictionary<string, string?> { ["Storage:Connection"] = "shared" };
        await using var first = new LifecycleHost(shared, clock: clock);
        await using var second = new LifecycleHost(new Dictionary<string, string?>(shared)
        {
            ["Storage:LiteDbPath"] = Path.Combine(first.Factory.DataFolder, "campaignbot.db"),
            ["Destinations:0:Location"] = first.Outbox,
        }, clock: clock);
        var campaigns = new List<CampaignId>();
        for (var i = 0; i < 4; i++)
        {
            campaigns.Add(await first.ApprovedAsync(TestDrafts.Recurring("daily", "2026-11-24 09:00") with { Name = $"Daily picks {i}" }));
        }

        foreach (var day in Enumerable.Range(0, 3))
        {
            clock.SetUtcNow(new DateTimeOffset(2026, 11, 24 + day, 9, 0, 0, TimeSpan.Zero));
            for (var pass = 0; pass < 3; pass++)
            {
                await Task.WhenAll(Task.Run(first.TickAsync), Task.Run(second.TickAsync));
            }
        }

        foreach (var id in campaigns)
        {
            var runs = first.Runs.ForCampaign(id, first.Maya).Unwrap();
            Assert.Equal(3, runs.Count);
            Assert.All(runs, r => Assert.Equal((nameof(RunStatus.Completed), 1), (r.Status, r.Attempts)));
        }

        var delivered = Directory.GetFiles(first.Outbox, "*.csv", SearchOption.AllDirectories);
        Assert.Equal(campaigns.Count * 3 * 2, delivered.Length);
    }
}
