using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignBot.App.Audit;
using CampaignBot.App.Campaigns;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Campaigns;

public sealed class CampaignsApiTests
{
    [Fact]
    public async Task Creating_answers_201_with_its_location_and_version_and_reading_it_back_agrees()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");

        using var created = await maya.PostJsonAsync("/api/campaigns", TestDrafts.OneTime());
        var view = await created.ReadAsync<CampaignView>(HttpStatusCode.Created);
        using var read = await maya.GetAsync(created.Headers.Location);

        Assert.Equal($"/api/campaigns/{view.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag!.Tag);
        Assert.Equal((CampaignStatus.Draft, "maya", "Winter welcome"), (view.Status, view.AuthorId, view.Name));
        Assert.Equal(["edit", "submit", "cancel", "delete"], view.Actions);
        Assert.Equal(view.Id, (await read.ReadAsync<CampaignView>()).Id);
        Assert.Equal("\"1\"", read.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Campaign_ids_travel_as_plain_guid_strings_in_routes_and_responses()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();
        using var maya = host.Client("maya");
        var text = id.Value.ToString("D");

        var campaign = JsonNode.Parse(await maya.GetStringAsync($"/api/campaigns/{text.ToUpperInvariant()}"))!;
        var runs = JsonNode.Parse(await maya.GetStringAsync($"/api/campaigns/{text}/runs"))!.AsArray();
        var page = JsonNode.Parse(await maya.GetStringAsync("/api/campaigns"))!;

        Assert.Equal(text, campaign["id"]!.GetValue<string>());
        Assert.Equal(text, Assert.Single(runs)!["campaignId"]!.GetValue<string>());
        Assert.Equal(text, page["items"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_filters_by_status_name_and_author_and_pages()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        foreach (var name in new[] { "Spring sale", "Spring preview", "Autumn clearance" })
        {
            await maya.CreateAsync(TestDrafts.OneTime(name));
        }

        var submitted = await host.Client("ada").CreateAsync(TestDrafts.OneTime("Spring finale"));
        await host.Client("ada").ActAsync(submitted.Id, "submit");

        var spring = await (await maya.GetAsync("/api/campaigns?search=spring&pageSize=2")).ReadAsync<CampaignPage>();
        var secondPage = await (await maya.GetAsync("/api/campaigns?search=spring&pageSize=2&page=2")).ReadAsync<CampaignPage>();
        var waiting = await (await maya.GetAsync("/api/campaigns?status=pending%20approval")).ReadAsync<CampaignPage>();
        var byAda = await (await maya.GetAsync("/api/campaigns?author=ada")).ReadAsync<CampaignPage>();

        Assert.Equal((3, 2, 2), (spring.Total, spring.Items.Count, spring.Pages));
        Assert.Single(secondPage.Items);
        Assert.Equal(3, spring.Items.Concat(secondPage.Items).Select(c => c.Name).Distinct().Count());
        Assert.Equal(["Spring finale"], waiting.Items.Select(c => c.Name));
        Assert.Equal(["Spring finale"], byAda.Items.Select(c => c.Name));
    }

    [Fact]
    public async Task Bad_list_parameters_get_422_naming_each_one()
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").GetAsync("/api/campaigns?status=sleeping&page=0&pageSize=500");

        var errors = (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors();
        Assert.Equal(["page", "pageSize", "status"], errors.Keys.Order());
        Assert.StartsWith("'sleeping' is not a status; use one of draft, pending approval", errors["status"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Updating_with_the_version_read_succeeds_and_bumps_the_etag()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;

        using var response = await maya.SendAsync(Put(id, TestDrafts.OneTime("Winter welcome, take two"), "\"1\""));

        Assert.Equal("Winter welcome, take two", (await response.ReadAsync<CampaignView>()).Name);
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Updating_with_an_old_version_gets_412_and_keeps_the_newer_edit()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;
        (await maya.SendAsync(Put(id, TestDrafts.OneTime("First edit"), "\"1\""))).EnsureSuccessStatusCode();

        using var stale = await maya.SendAsync(Put(id, TestDrafts.OneTime("Second edit"), "\"1\""));

        Assert.Contains("was changed by someone else (version 2, you had 1)", (await stale.ProblemAsync(HttpStatusCode.PreconditionFailed)).Detail(), StringComparison.Ordinal);
        Assert.Equal("First edit", host.View(id).Name);
    }

    [Fact]
    public async Task Of_eight_concurrent_edits_from_the_same_version_exactly_one_wins_and_the_rest_get_412()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => maya.SendAsync(Put(id, TestDrafts.OneTime($"Edit {i}"), "\"1\""))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ReadAsync<CampaignView>();
        Assert.Equal((2, winner.Name), (host.View(id).Version, host.View(id).Name));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.PreconditionRequired)]
    [InlineData("W/\"1\"", HttpStatusCode.BadRequest)]
    [InlineData("\"one\"", HttpStatusCode.BadRequest)]
    public async Task Updating_without_a_usable_if_match_is_refused_and_changes_nothing(string? ifMatch, HttpStatusCode status)
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;

        using var response = await maya.SendAsync(Put(id, TestDrafts.OneTime("Renamed"), ifMatch));

        await response.ProblemAsync(status);
        Assert.Equal("Winter welcome", host.View(id).Name);
    }

    [Fact]
    public async Task If_match_star_overwrites_whatever_is_stored()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;

        using var response = await maya.SendAsync(Put(id, TestDrafts.OneTime("Renamed"), "*"));

        Assert.Equal("Renamed", (await response.ReadAsync<CampaignView>()).Name);
    }

    [Fact]
    public async Task An_invalid_update_gets_422_and_the_stored_draft_is_untouched()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;

        using var response = await maya.SendAsync(Put(id, TestDrafts.OneTime() with { Name = "" }, "\"1\""));

        Assert.Contains("name", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);
        Assert.Equal((1, "Winter welcome"), (host.View(id).Version, host.View(id).Name));
    }

    [Fact]
    public async Task Updating_or_reading_a_campaign_that_does_not_exist_gets_404()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");

        using var put = await maya.SendAsync(Put(CampaignId.New(), TestDrafts.OneTime(), "\"1\""));
        using var get = await maya.GetAsync($"/api/campaigns/{Guid.NewGuid()}");

        await put.ProblemAsync(HttpStatusCode.NotFound);
        await get.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_a_draft_answers_204_and_it_is_gone()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;

        using var deleted = await maya.DeleteAsync($"/api/campaigns/{id}");
        using var again = await maya.DeleteAsync($"/api/campaigns/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await again.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_campaign_with_runs_cannot_be_deleted_409()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        using var response = await host.Client("maya").DeleteAsync($"/api/campaigns/{id}");

        Assert.Equal("A campaign that is completed is kept with its runs for the record and cannot be deleted.", (await response.ProblemAsync(HttpStatusCode.Conflict)).Detail());
    }

    [Fact]
    public async Task Preview_counts_every_group_and_the_parts_add_up()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;

        var preview = await (await maya.GetAsync($"/api/campaigns/{id}/preview")).ReadAsync<PreviewView>();

        Assert.True(preview.Audience > 0);
        Assert.Equal(preview.Audience, preview.Recipients + preview.Control + preview.Unmatched);
        Assert.Equal(preview.Recipients, preview.SubAudiences.Single().Groups.Sum(g => g.Members));
    }

    [Fact]
    public async Task Pausing_a_draft_gets_409_with_the_lifecycle_reason_and_cancelling_it_works()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;

        using var pause = await maya.PostAsync($"/api/campaigns/{id}/pause", null);
        var cancelled = await maya.ActAsync(id, "cancel");

        Assert.Equal("Only an approved, scheduled or running campaign can be paused; this one is draft.", (await pause.ProblemAsync(HttpStatusCode.Conflict)).Detail());
        Assert.Equal(CampaignStatus.Cancelled, cancelled.Status);
    }

    [Fact]
    public async Task Pause_and_resume_an_approved_campaign()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.Recurring("weekly", "2026-11-30 09:00"));
        using var maya = host.Client("maya");

        var paused = await maya.ActAsync(id, "pause");
        var resumed = await maya.ActAsync(id, "resume");

        Assert.Equal((CampaignStatus.Paused, CampaignStatus.Scheduled), (paused.Status, resumed.Status));
    }

    [Fact]
    public async Task The_audit_lists_every_step_with_who_and_the_channel()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;
        await maya.ActAsync(id, "submit");
        await host.Client("omar").ActAsync(id, "reject", new { comment = "Too broad." });

        var audit = await (await host.Client("vic").GetAsync($"/api/campaigns/{id}/audit")).ReadAsync<List<AuditView>>();
        using var missing = await maya.GetAsync($"/api/campaigns/{Guid.NewGuid()}/audit");

        Assert.Equal(["Create", "Submit", "Reject"], audit.Select(a => a.Action));
        Assert.Equal(["Maya Marketer", "Maya Marketer", "Omar Approver"], audit.Select(a => a.ActorName));
        Assert.All(audit, a => Assert.Equal("api", a.Channel));
        await missing.ProblemAsync(HttpStatusCode.NotFound);
    }

    private static HttpRequestMessage Put(CampaignId id, Core.Campaigns.CampaignDraft draft, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/campaigns/{id}") { Content = JsonContent.Create(draft, options: ApiTestKit.Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
