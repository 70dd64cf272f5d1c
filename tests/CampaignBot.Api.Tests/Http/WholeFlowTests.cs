using System.Net;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.App.Segments;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Http;

/// <summary>The walkthrough in docs/api.md, over HTTP on the real host, the real clock and the real scheduler.</summary>
public sealed class WholeFlowTests
{
    [Fact]
    public async Task Segment_campaign_preview_submit_approve_run_and_read_the_run()
    {
        // A one-minute poll: only the approval's wake can start the run within the test's time.
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?> { ["Scheduler:PollInterval"] = "00:01:00" });
        using var maya = factory.ClientFor("maya");
        using var omar = factory.ClientFor("omar");

        await (await maya.PostJsonAsync("/api/segments", new { name = "Big spenders", text = "lifetime_value > 500" })).ReadAsync<SegmentView>(HttpStatusCode.Created);
        var draft = new CampaignDraft
        {
            Name = "Big spender thanks",
            Type = "one-time",
            Audience = new AudienceDraft { Include = ["Big spenders"], Exclude = ["Email opt-outs"] },
            SubAudiences =
            [
                new SubAudienceDraft
                {
                    Name = "Everyone",
                    CatchAll = true,
                    ControlPercent = 10,
                    Groups = [new RecipientGroupDraft { Name = "Thank you", Percent = 90, Destinations = [new DestinationDraft { Destination = "outbox", Attributes = [new AttributeDraft { Name = "email" }] }] }],
                },
            ],
            Schedule = new ScheduleDraft { Launch = "asap" },
        };
        var campaign = await maya.CreateAsync(draft);
        var preview = await (await maya.GetAsync($"/api/campaigns/{campaign.Id}/preview")).ReadAsync<PreviewView>();
        await maya.ActAsync(campaign.Id, "submit");
        var approved = await omar.ActAsync(campaign.Id, "approve", new { comment = "Go." });

        var run = await FinishedRunAsync(maya, campaign.Id);

        Assert.Equal(CampaignStatus.Approved, approved.Status);
        Assert.Equal("Completed", run.Status);
        Assert.Equal(preview.Recipients, run.Recipients);
        Assert.Equal(preview.Control, run.Groups.Single(g => g.IsControl).Members);
        var delivery = run.Deliveries.Single();
        Assert.Equal(run.Recipients, delivery.Rows + delivery.Dropped.Values.Sum());
        var file = Directory.GetFiles(Path.Combine(factory.DataFolder, "outbox"), "*.csv", SearchOption.AllDirectories).Single();
        Assert.Equal(delivery.Rows + 1, File.ReadLines(file).Count());
        Assert.Equal(CampaignStatus.Completed, (await (await maya.GetAsync($"/api/campaigns/{campaign.Id}")).ReadAsync<CampaignView>()).Status);
    }

    private static async Task<RunView> FinishedRunAsync(HttpClient client, CampaignId campaignId)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var runs = await (await client.GetAsync($"/api/campaigns/{campaignId}/runs")).ReadAsync<List<RunView>>();
            if (runs.SingleOrDefault() is { FinishedAt: not null } run)
            {
                return run;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The run did not finish within 30 seconds of the approval.");
            await Task.Delay(100);
        }
    }
}
