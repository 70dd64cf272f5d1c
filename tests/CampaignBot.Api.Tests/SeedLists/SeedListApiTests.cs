using System.Net;
using System.Net.Http.Json;
using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Approvals;
using CampaignBot.App.SeedLists;
using CampaignBot.Conversations.Cards;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.Seeds;

namespace CampaignBot.Api.Tests.SeedLists;

public sealed class SeedListApiTests
{
    [Fact]
    public async Task Bad_seed_list_entries_get_a_problem_naming_each_field_and_nothing_is_stored()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");

        var problem = await (await maya.PostJsonAsync("/api/seed-lists", new SeedListInput
        {
            Name = "Directors",
            Entries =
            [
                new SeedEntryInput { Name = "Dana", Email = "dana-at-example.com" },
                new SeedEntryInput { Name = "Luc", Phone = "12" },
                new SeedEntryInput { Name = "Nobody" },
                new SeedEntryInput { Email = "ines@example.com", Country = "Canada" },
            ],
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var list = await (await maya.GetAsync("/api/seed-lists")).ReadAsync<List<SeedListView>>();

        Assert.Equal(["entries[0].email", "entries[1].phone", "entries[2]", "entries[3].country"], problem.Errors().Keys.Order());
        Assert.Empty(list);
    }

    [Fact]
    public async Task Seed_lists_are_read_by_every_role_and_changed_only_by_marketers()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        using var vic = host.Client("vic");

        await (await vic.PostJsonAsync("/api/seed-lists", SeedListDeliveryTests.Directors)).ProblemAsync(HttpStatusCode.Forbidden);
        var created = await (await maya.PostJsonAsync("/api/seed-lists", SeedListDeliveryTests.Directors)).ReadAsync<SeedListView>(HttpStatusCode.Created);
        await (await maya.PostJsonAsync("/api/seed-lists", SeedListDeliveryTests.Directors with { Name = "MARKETING DIRECTORS" })).ProblemAsync(HttpStatusCode.Conflict);
        var read = await (await vic.GetAsync("/api/seed-lists/marketing%20directors")).ReadAsync<SeedListView>();

        Assert.Equal(("Marketing directors", 3), (read.Name, read.Entries.Count));
        Assert.Equal(["dana@example.com", "luc@example.com", "ines@example.com"], created.Entries.Select(e => e.Email));
        Assert.Equal("+15145550199", created.Entries[1].Phone);
    }

    [Fact]
    public async Task Bad_seed_lists_priority_and_language_on_a_campaign_get_a_problem_naming_each_field()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");

        var problem = await (await maya.PostJsonAsync("/api/campaigns", TestDrafts.OneTime() with
        {
            Priority = "urgent",
            Language = "english",
            SeedLists = [new SeedListDraft { Name = "Nobody made this" }, new SeedListDraft { Name = "Directors", Destinations = ["klaviyo"] }],
        })).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        var errors = problem.Errors();
        Assert.Equal(["language", "priority", "seedLists[0].name", "seedLists[1].destinations[0]", "seedLists[1].name"], errors.Keys.Order());
        Assert.Contains("choose high, normal or low", errors["priority"][0], StringComparison.Ordinal);
        Assert.Contains("BCP 47", errors["language"][0], StringComparison.Ordinal);
        Assert.Contains("The campaign does not send to 'klaviyo'", errors["seedLists[1].destinations[0]"][0], StringComparison.Ordinal);
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    [Fact]
    public async Task Unknown_fields_of_a_seed_list_body_are_refused()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");

        var response = await maya.PostAsJsonAsync("/api/seed-lists", new { name = "Directors", entries = new[] { new { emial = "dana@example.com" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Editing_a_seed_list_keeps_the_approval_and_the_next_run_sends_the_list_as_edited()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        await (await maya.PostJsonAsync("/api/seed-lists", SeedListDeliveryTests.Directors)).ReadAsync<SeedListView>(HttpStatusCode.Created);
        var draft = TestDrafts.OneTime() with { Language = "fr-CA", SeedLists = [new SeedListDraft { Name = "Marketing directors" }] };
        var id = host.Campaigns.Create(draft, host.Maya).Unwrap().Id;
        var request = (await host.Approvals.SubmitAsync(id, host.Maya, CancellationToken.None)).Unwrap();
        var card = ApprovalCard.Pending(host.Campaigns.Get(id, host.Omar).Unwrap(), null, host.Get<ApprovalStore>().ForCampaign(id).Last(), host.Clock.GetUtcNow()).Text();
        (await host.Approvals.ApproveAsync(id, host.Omar, null, CancellationToken.None)).Unwrap();

        var edited = SeedListDeliveryTests.Directors with { Entries = [new SeedEntryInput { Name = "Zoe", Email = "zoe@example.com", ExternalId = "seed-zoe" }] };
        await (await maya.PutAsJsonAsync("/api/seed-lists/Marketing directors", edited, ApiTestKit.Json)).ReadAsync<SeedListView>();
        var campaign = host.Campaigns.Get(id, host.Maya).Unwrap();
        await host.TickAsync();
        var seedIds = Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Skip(1).Select(l => l.Split(',')[0]))
            .Where(c => c.StartsWith("seed-", StringComparison.Ordinal)).Distinct().ToList();

        Assert.Contains("Seed lists: Marketing directors (all destinations)", card, StringComparison.Ordinal);
        Assert.Contains("Language: fr-CA (French (Canada))", card, StringComparison.Ordinal);
        Assert.Equal(("Approved", CampaignStatus.Approved), (campaign.Approval!.State, campaign.Status));
        Assert.Equal("Completed", host.OnlyRun(id).Status);
        Assert.Equal(["seed-zoe"], seedIds);
    }

    [Fact]
    public async Task A_seed_list_an_unfinished_campaign_sends_cannot_be_deleted()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        await (await maya.PostJsonAsync("/api/seed-lists", SeedListDeliveryTests.Directors)).ReadAsync<SeedListView>(HttpStatusCode.Created);
        host.Campaigns.Create(TestDrafts.OneTime() with { SeedLists = [new SeedListDraft { Name = "Marketing directors" }] }, host.Maya).Unwrap();

        var problem = await (await maya.DeleteAsync("/api/seed-lists/Marketing directors")).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("'Winter welcome'", problem.Detail(), StringComparison.Ordinal);
        Assert.Single(await (await maya.GetAsync("/api/seed-lists")).ReadAsync<List<SeedListView>>());
    }
}
