using System.Net;
using CampaignBot.App.Runs;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Tests.Runs;

public sealed class RunsApiTests
{
    [Fact]
    public async Task A_run_reads_with_counts_per_group_and_destination()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();
        using var vic = host.Client("vic");

        var runs = await (await vic.GetAsync($"/api/campaigns/{id}/runs")).ReadAsync<List<RunView>>();
        var run = await (await vic.GetAsync($"/api/runs/{runs.Single().Id}")).ReadAsync<RunView>();

        Assert.Equal("Completed", run.Status);
        Assert.Equal(["Control", "Email A", "Email B"], run.Groups.Select(g => g.Group).Order());
        Assert.Equal(run.Recipients, run.Groups.Where(g => !g.IsControl).Sum(g => g.Members));
        Assert.Equal(run.Recipients, run.Deliveries.Sum(d => d.Rows));
        Assert.All(run.Deliveries, d => Assert.Equal(("outbox", "Delivered"), (d.Destination, d.Status)));
        Assert.Empty(run.Actions);
    }

    [Fact]
    public async Task A_failed_delivery_is_shown_with_its_class_and_retried_alone()
    {
        var blocked = Path.Combine(Path.GetTempPath(), $"campaignbot-blocked-{Guid.NewGuid():N}");
        File.WriteAllText(blocked, "a file where the folder should be");
        try
        {
            await using var host = new LifecycleHost(new Dictionary<string, string?>
            {
                ["Destinations:1:Name"] = "blocked",
                ["Destinations:1:Kind"] = "LocalFolder",
                ["Destinations:1:Location"] = blocked,
            });
            var draft = TestDrafts.OneTime().WithSubAudience(s => s with
            {
                Groups = [s.Groups![0], s.Groups[1] with { Destinations = [new DestinationDraft { Destination = "blocked", Attributes = [new AttributeDraft { Name = "email" }] }] }],
            });
            var id = await host.ApprovedAsync(draft);
            await host.TickAsync();
            using var maya = host.Client("maya");
            var failed = (await (await maya.GetAsync($"/api/campaigns/{id}/runs")).ReadAsync<List<RunView>>()).Single();
            var broken = failed.Deliveries.Single(d => d.Status == "Failed");

            File.Delete(blocked);
            var retried = await (await maya.PostAsync($"/api/runs/{failed.Id}/retry", null)).ReadAsync<RunView>();
            await host.TickAsync();
            var done = await (await maya.GetAsync($"/api/runs/{failed.Id}")).ReadAsync<RunView>();

            Assert.Equal("PartiallyFailed", failed.Status);
            Assert.Equal(("blocked", "Configuration"), (broken.Destination, broken.Failure));
            Assert.Equal("Destination 'blocked' is set up in a way Local folder does not accept (a bucket, container, folder, account or host that does not exist or does not match).", broken.Advice!.Cause);
            Assert.StartsWith("Check the Destinations entry named 'blocked' against Local folder: Location (a folder, not a file).", broken.Advice.Steps[0], StringComparison.Ordinal);
            Assert.Equal(["retry"], failed.Actions);
            Assert.Equal("Pending", retried.Deliveries.Single(d => d.Destination == "blocked").Status);
            Assert.Equal(("Running", "running"), (retried.Status, retried.StatusText));
            Assert.Equal("Completed", done.Status);
            Assert.Equal([1, 2], done.Deliveries.Select(d => d.Attempts).Order());
        }
        finally
        {
            if (File.Exists(blocked))
            {
                File.Delete(blocked);
            }

            if (Directory.Exists(blocked))
            {
                Directory.Delete(blocked, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Retrying_a_completed_run_is_409_and_an_unknown_run_is_404()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();
        using var maya = host.Client("maya");
        var run = host.OnlyRun(id);

        using var retry = await maya.PostAsync($"/api/runs/{run.Id}/retry", null);
        using var unknown = await maya.GetAsync("/api/runs/no-such-run");
        using var unknownCampaign = await maya.GetAsync($"/api/campaigns/{Guid.NewGuid()}/runs");

        Assert.Contains("only a failed or partially failed run has deliveries to retry", (await retry.ProblemAsync(HttpStatusCode.Conflict)).Detail(), StringComparison.Ordinal);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        await unknownCampaign.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_viewer_cannot_retry()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        using var response = await host.Client("vic").PostAsync($"/api/runs/{host.OnlyRun(id).Id}/retry", null);

        await response.ProblemAsync(HttpStatusCode.Forbidden);
    }
}
