using CampaignBot.App.Runs;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class AsapCampaignTests
{
    [Fact]
    public async Task An_approved_asap_campaign_runs_at_the_next_pass_and_writes_its_files_to_the_outbox()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());

        await host.TickAsync();

        var run = host.OnlyRun(id);
        Assert.Equal(nameof(RunStatus.Completed), run.Status);
        Assert.Equal(CampaignStatus.Completed, host.Campaigns.Get(id, host.Maya).Unwrap().Status);
        Assert.Equal(2, run.Deliveries.Count);
        Assert.All(run.Deliveries, d => Assert.Equal("Delivered", d.Status));
        var files = Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories);
        Assert.Equal(2, files.Length);
        var delivered = files.SelectMany(f => File.ReadLines(f).Skip(1)).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(run.Deliveries.Sum(d => d.Rows), delivered.Count);
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
        Assert.Equal(2, Directory.GetFiles(host.Outbox, "*.manifest.json", SearchOption.AllDirectories).Length);
    }
}
