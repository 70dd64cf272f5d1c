using System.Net;
using CampaignBot.App.Campaigns;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Approvals;

public sealed class ApprovalsApiTests
{
    [Fact]
    public async Task Submit_then_another_person_approves_and_the_campaign_is_scheduled()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;

        var submitted = await maya.ActAsync(id, "submit");
        var approved = await host.Client("omar").ActAsync(id, "approve", new { comment = "Fine." });

        Assert.Equal(CampaignStatus.PendingApproval, submitted.Status);
        Assert.Equal(1, submitted.Approval!.RequiredApprovers);
        Assert.Equal(CampaignStatus.Approved, approved.Status);
        Assert.Equal(("omar", "Approve", "Fine."), (approved.Approval!.Decisions.Single().PersonId, approved.Approval.Decisions.Single().Verdict, approved.Approval.Decisions.Single().Comment));
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_campaign_even_as_admin()
    {
        await using var host = new LifecycleHost();
        using var ada = host.Client("ada");
        var id = (await ada.CreateAsync(TestDrafts.OneTime())).Id;
        await ada.ActAsync(id, "submit");

        using var response = await ada.PostJsonAsync($"/api/campaigns/{id}/approve", new { });

        Assert.Contains("four-eyes", (await response.ProblemAsync(HttpStatusCode.Forbidden)).Detail(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(CampaignStatus.PendingApproval, host.View(id).Status);
    }

    [Fact]
    public async Task A_marketer_cannot_approve()
    {
        await using var host = new LifecycleHost();
        var id = (await host.Client("ada").CreateAsync(TestDrafts.OneTime())).Id;
        await host.Client("ada").ActAsync(id, "submit");

        using var response = await host.Client("maya").PostJsonAsync($"/api/campaigns/{id}/approve", new { });

        Assert.Equal("Maya Marketer does not hold the approver role.", (await response.ProblemAsync(HttpStatusCode.Forbidden)).Detail());
    }

    [Fact]
    public async Task Rejecting_needs_a_comment_and_then_returns_the_campaign_to_draft()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        using var omar = host.Client("omar");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;
        await maya.ActAsync(id, "submit");

        using var bare = await omar.PostJsonAsync($"/api/campaigns/{id}/reject", new { });
        var rejected = await omar.ActAsync(id, "reject", new { comment = "Exclude last week's buyers." });

        Assert.Contains("comment", (await bare.ProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors().Keys);
        Assert.Equal(CampaignStatus.Draft, rejected.Status);
    }

    [Fact]
    public async Task Approving_twice_changes_nothing_and_approving_a_draft_is_409()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        using var omar = host.Client("omar");
        var id = (await maya.CreateAsync(TestDrafts.OneTime())).Id;
        using var early = await omar.PostJsonAsync($"/api/campaigns/{id}/approve", new { });
        await maya.ActAsync(id, "submit");

        var first = await omar.ActAsync(id, "approve");
        using var second = await omar.PostJsonAsync($"/api/campaigns/{id}/approve", new { });

        Assert.Equal("There is nothing to decide: 'Winter welcome' is draft, not waiting for approval.", (await early.ProblemAsync(HttpStatusCode.Conflict)).Detail());
        Assert.Equal(CampaignStatus.Approved, first.Status);
        Assert.Equal(first.Version, host.View(id).Version);
        Assert.Single(host.View(id).Approval!.Decisions);
        Assert.Equal(CampaignStatus.Approved, (await second.ReadAsync<CampaignView>()).Status);
    }

    [Fact]
    public async Task Submitting_an_unknown_campaign_is_404()
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").PostJsonAsync($"/api/campaigns/{Guid.NewGuid()}/submit", new { });

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
