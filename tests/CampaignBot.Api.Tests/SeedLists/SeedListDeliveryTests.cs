using System.Net;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Campaigns;
using CampaignBot.App.SeedLists;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Seeds;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Api.Tests.SeedLists;

/// <summary>
/// Seed lists through the real pipeline to the test outbox (a local folder): the seeds are in every part file of every
/// delivery, and in no count, result or send history.
/// </summary>
public sealed class SeedListDeliveryTests
{
    public static readonly SeedListInput Directors = new()
    {
        Name = "Marketing directors",
        Entries =
        [
            new SeedEntryInput { Name = "Dana", Email = "Dana@Example.com", ExternalId = "seed-dana" },
            new SeedEntryInput { Name = "Luc", Email = "luc@example.com", Phone = "514 555 0199", Country = "CA", ExternalId = "seed-luc" },
            new SeedEntryInput { Name = "Ines", Email = "ines@example.com", ExternalId = "seed-ines" },
        ],
    };

    public static readonly string[] SeedIds = ["seed-dana", "seed-luc", "seed-ines"];

    [Fact]
    public async Task Seeds_go_out_in_every_file_of_every_delivery_and_in_no_count_result_or_send_history()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?> { ["Scheduler:BatchSize"] = "40" });
        using var maya = host.Client("maya");
        await (await maya.PostJsonAsync("/api/seed-lists", Directors)).ReadAsync<SeedListView>(HttpStatusCode.Created);
        var seeded = await maya.CreateAsync(TestDrafts.OneTime() with { SeedLists = [new SeedListDraft { Name = "marketing directors" }] });

        var preview = await (await maya.GetAsync($"/api/campaigns/{seeded.Id}/preview")).ReadAsync<PreviewView>();
        await ApproveAsync(host, seeded.Id);
        await host.TickAsync();
        var run = host.OnlyRun(seeded.Id);

        // The outbox drops nobody: each delivery's deliverable rows are exactly its group's customers, seeds apart.
        var groups = preview.SubAudiences[0].Groups;
        Assert.Equal((3, groups.Sum(g => g.Members)), (preview.Seeds, preview.Recipients));
        Assert.All(groups, g => Assert.Equal((g.Members, 3), (Assert.Single(g.Deliveries).Deliverable, g.Deliveries[0].Seeds)));

        Assert.Equal("Completed", run.Status);
        Assert.All(run.Deliveries, d => Assert.True(d.Batches > 1 && d.Seeds == 3, $"{d.Group}: {d.Batches} batches, {d.Seeds} seeds"));
        var files = Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories);
        Assert.Equal(run.Deliveries.Sum(d => d.Batches), files.Length);
        var customerRows = 0L;
        foreach (var file in files)
        {
            var rows = File.ReadLines(file).Skip(1).Select(l => l.Split(',')).ToList();
            // Shaped like the customers' rows: the same columns, the email as the customers' are written.
            Assert.Contains(["seed-dana", "dana@example.com"], rows);
            Assert.All(SeedIds, id => Assert.Single(rows, r => r[0] == id));
            customerRows += rows.Count(r => !SeedIds.Contains(r[0]));
        }

        Assert.Equal(run.Recipients, customerRows);
        Assert.Equal(run.Recipients, run.Deliveries.Sum(d => d.Rows));
        Assert.Equal(preview.Recipients, run.Recipients);
        var (sent, seedsSent) = await SendHistoryAsync(host, seeded.Id);
        Assert.Equal((run.Recipients, 0L), (sent, seedsSent));
    }

    [Fact]
    public async Task An_empty_group_still_sends_its_seeds_once_and_counts_nobody()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        await (await maya.PostJsonAsync("/api/seed-lists", Directors)).ReadAsync<SeedListView>(HttpStatusCode.Created);
        Assert.True(host.Get<CampaignBot.App.Segments.SegmentStore>().Create("Nobody", "", "lifetime_value < 0", "maya").IsValid);
        var everyone = TestDrafts.OneTime();
        var nobody = new SubAudienceDraft
        {
            Name = "Nobody", Segment = "Nobody", ControlPercent = 0,
            Groups = [new RecipientGroupDraft { Name = "Empty", Percent = 100, Destinations = [TestDrafts.Outbox()] }],
        };
        var draft = everyone with
        {
            SubAudiences = [nobody, .. everyone.SubAudiences!],
            SeedLists = [new SeedListDraft { Name = "Marketing directors", Destinations = ["outbox"] }],
        };
        var id = (await maya.CreateAsync(draft)).Id;
        await ApproveAsync(host, id);
        await host.TickAsync();
        var run = host.OnlyRun(id);

        var empty = Assert.Single(run.Deliveries, d => d.Group == "Empty");
        Assert.Equal("Completed", run.Status);
        Assert.Equal((0L, 3, 1), (empty.Rows, empty.Seeds, empty.Batches));
        Assert.Equal(run.Recipients, run.Deliveries.Sum(d => d.Rows));
        var files = Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories).Where(f => f.Contains("empty", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(SeedIds.Order(), File.ReadLines(Assert.Single(files)).Skip(1).Select(l => l.Split(',')[0]).Order());
    }

    internal static async Task ApproveAsync(LifecycleHost host, CampaignId id)
    {
        (await host.Approvals.SubmitAsync(id, host.Maya, CancellationToken.None)).Unwrap();
        (await host.Approvals.ApproveAsync(id, host.Omar, null, CancellationToken.None)).Unwrap();
    }

    // Rows of the campaign in the send history that results and caps read, and how many of them are seeds.
    private static async Task<(long Sent, long Seeds)> SendHistoryAsync(LifecycleHost host, CampaignId id)
    {
        var engine = host.Get<CustomerEngine>();
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement(
            "SELECT count(*), count(CASE WHEN customer_id IN ('seed-dana', 'seed-luc', 'seed-ines') THEN 1 END) FROM campaign_sends WHERE campaign_id = $1 AND NOT is_control",
            [id.ToString()]));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
