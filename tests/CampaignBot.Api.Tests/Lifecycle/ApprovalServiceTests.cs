using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Notifications;
using CampaignBot.App.Segments;
using CampaignBot.App.Storage;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class ApprovalServiceTests
{
    private const string FourEyes = "You wrote this campaign; someone else must approve it (four-eyes).";

    [Fact]
    public async Task Submitting_a_draft_opens_a_request_for_one_approver_with_the_audience_counted()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;

        var view = (await host.SubmitAsync(id)).Unwrap();

        Assert.Equal(CampaignStatus.PendingApproval, view.Status);
        var approval = Assert.IsType<ApprovalView>(view.Approval);
        Assert.Equal("Open", approval.State);
        Assert.Equal(1, approval.RequiredApprovers);
        Assert.True(approval.Audience > 0, $"audience {approval.Audience}");
        Assert.Null(approval.Changes);
        Assert.Equal(LifecycleHost.Start.AddHours(72), approval.ExpiresAt);
    }

    [Fact]
    public async Task Submitting_a_campaign_nobody_would_receive_is_refused_and_it_stays_a_draft()
    {
        await using var host = new LifecycleHost();
        Assert.True(host.Segments().Create("Nobody", "No customer is worth this much", "lifetime_value > 99999999", "maya").IsValid);
        var draft = TestDrafts.OneTime() with { Audience = new() { Include = ["Nobody"] } };
        var id = host.Campaigns.Create(draft, host.Maya).Unwrap().Id;

        var result = await host.SubmitAsync(id);

        var problem = Assert.Single(Assert.IsType<ServiceResult<CampaignView>.Invalid>(result).Problems);
        Assert.Equal(("audience", "Nobody would receive this campaign: the audience has no recipients today. Check the segments and sub-audiences."),
            (problem.Path, problem.Message));
        var view = host.View(id);
        Assert.Equal(CampaignStatus.Draft, view.Status);
        Assert.Null(view.Approval);
    }

    [Fact]
    public async Task An_approver_who_wrote_the_campaign_cannot_approve_it()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?>
        {
            ["Users:People:5:Id"] = "mo",
            ["Users:People:5:Name"] = "Mo Both",
            ["Users:People:5:Roles:0"] = "marketer",
            ["Users:People:5:Roles:1"] = "approver",
        });
        var mo = host.As("mo");
        var id = await host.SubmittedAsync(TestDrafts.OneTime(), mo);

        var result = await host.ApproveAsync(id, mo);

        Assert.Equal(FourEyes, Assert.IsType<ServiceResult<CampaignView>.Forbidden>(result).Message);
        var view = host.Campaigns.Get(id, mo).Unwrap();
        Assert.Equal(CampaignStatus.PendingApproval, view.Status);
        Assert.Empty(view.Approval!.Decisions);
        Assert.Equal(["edit", "cancel", "delete"], view.Actions);
        Assert.Equal(["approve", "reject"], host.Campaigns.Get(id, host.Omar).Unwrap().Actions);
    }

    [Fact]
    public async Task An_admin_who_wrote_the_campaign_cannot_approve_it_either()
    {
        await using var host = new LifecycleHost();
        var id = await host.SubmittedAsync(TestDrafts.OneTime(), host.Ada);

        var result = await host.ApproveAsync(id, host.Ada);

        Assert.Equal(FourEyes, Assert.IsType<ServiceResult<CampaignView>.Forbidden>(result).Message);
        Assert.DoesNotContain("approve", host.Campaigns.Get(id, host.Ada).Unwrap().Actions);
        Assert.Equal(CampaignStatus.Approved, (await host.ApproveAsync(id, host.Omar)).Unwrap().Status);
    }

    [Fact]
    public async Task Viewers_and_marketers_cannot_approve()
    {
        await using var host = new LifecycleHost();
        var id = await host.SubmittedAsync(TestDrafts.OneTime(), host.Ada);

        var byViewer = await host.ApproveAsync(id, host.Vic);
        var byMarketer = await host.ApproveAsync(id, host.Maya);

        Assert.Equal("Vic Viewer does not hold the approver role.", Assert.IsType<ServiceResult<CampaignView>.Forbidden>(byViewer).Message);
        Assert.Equal("Maya Marketer does not hold the approver role.", Assert.IsType<ServiceResult<CampaignView>.Forbidden>(byMarketer).Message);
        var view = host.View(id);
        Assert.Equal(CampaignStatus.PendingApproval, view.Status);
        Assert.Empty(view.Approval!.Decisions);
    }

    [Fact]
    public async Task Rejecting_without_a_comment_is_refused_with_the_comment_path()
    {
        await using var host = new LifecycleHost();
        var id = await host.SubmittedAsync(TestDrafts.OneTime());

        var result = await host.RejectAsync(id, host.Omar, "  ");

        var problem = Assert.Single(Assert.IsType<ServiceResult<CampaignView>.Invalid>(result).Problems);
        Assert.Equal(("comment", "Say why you are rejecting it; the author will see your comment."), (problem.Path, problem.Message));
        Assert.Equal(CampaignStatus.PendingApproval, host.View(id).Status);
    }

    [Fact]
    public async Task Rejecting_with_a_comment_returns_the_campaign_to_draft_with_the_comment_as_reason()
    {
        await using var host = new LifecycleHost();
        var id = await host.SubmittedAsync(TestDrafts.OneTime());

        var view = (await host.RejectAsync(id, host.Omar, "Too broad for a welcome mail.")).Unwrap();

        Assert.Equal(CampaignStatus.Draft, view.Status);
        Assert.Equal("Rejected by Omar Approver: Too broad for a welcome mail.", view.StatusReason);
        Assert.Equal("Rejected", view.Approval!.State);
        Assert.Contains("submit", host.View(id).Actions);
    }

    [Fact]
    public async Task Approving_records_who_when_and_through_which_channel_in_the_audit()
    {
        await using var host = new LifecycleHost();
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya.Via("api")).Unwrap().Id;
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        (await host.SubmitAsync(id, host.Maya.Via("slack"))).Unwrap();
        host.Clock.Advance(TimeSpan.FromMinutes(30));

        var view = (await host.ApproveAsync(id, host.Omar.Via("teams"))).Unwrap();

        Assert.Equal(CampaignStatus.Approved, view.Status);
        var decision = Assert.Single(view.Approval!.Decisions);
        Assert.Equal(("omar", "Approve", LifecycleHost.Start.AddMinutes(35), "teams"), (decision.PersonId, decision.Verdict, decision.At, decision.Channel));
        Assert.Equal(
            [
                ("Create", "maya", LifecycleHost.Start, "api", (CampaignStatus?)null, (CampaignStatus?)CampaignStatus.Draft),
                ("Submit", "maya", LifecycleHost.Start.AddMinutes(5), "slack", CampaignStatus.Draft, CampaignStatus.PendingApproval),
                ("Approve", "omar", LifecycleHost.Start.AddMinutes(35), "teams", CampaignStatus.PendingApproval, CampaignStatus.Approved),
            ],
            host.Audit(id).Select(e => (e.Action, e.Actor, e.At, e.Channel, e.From, e.To)));
    }

    [Fact]
    public async Task Approving_twice_is_idempotent_and_records_one_decision()
    {
        await using var host = new LifecycleHost();
        var id = await host.SubmittedAsync(TestDrafts.OneTime());
        (await host.ApproveAsync(id, host.Omar)).Unwrap();

        var again = (await host.ApproveAsync(id, host.Omar)).Unwrap();

        Assert.Equal(CampaignStatus.Approved, again.Status);
        Assert.Single(again.Approval!.Decisions);
        Assert.Single(host.Audit(id), e => e.Action == "Approve");
    }

    [Fact]
    public async Task Approving_again_after_the_approved_campaign_was_edited_is_refused()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        host.Campaigns.Update(id, host.View(id).Version, TestDrafts.OneTime("Winter welcome, revised"), host.Maya).Unwrap();

        var result = await host.ApproveAsync(id, host.Omar);

        Assert.Equal("There is nothing to decide: 'Winter welcome, revised' is draft, not waiting for approval.",
            Assert.IsType<ServiceResult<CampaignView>.Conflict>(result).Message);
        Assert.Equal(CampaignStatus.Draft, host.View(id).Status);
    }

    [Fact]
    public async Task Personal_attributes_need_a_second_distinct_approver()
    {
        await using var host = new LifecycleHost();
        var id = await host.SubmittedAsync(TestDrafts.OneTime().Sending("customer_id", "email", "given_name"));
        Assert.Equal(2, host.View(id).Approval!.RequiredApprovers);

        var first = (await host.ApproveAsync(id, host.Omar)).Unwrap();
        var repeated = (await host.ApproveAsync(id, host.Omar)).Unwrap();

        Assert.Equal(CampaignStatus.PendingApproval, first.Status);
        Assert.Equal("Open", first.Approval!.State);
        Assert.Equal(CampaignStatus.PendingApproval, repeated.Status);
        Assert.Single(repeated.Approval!.Decisions);
        Assert.Contains("Sends personal attributes beyond identifiers (given_name) to Local folder: 2 approvers needed.", first.Approval.Reasons);

        var second = (await host.ApproveAsync(id, host.Ada)).Unwrap();

        Assert.Equal(CampaignStatus.Approved, second.Status);
        Assert.Equal(["omar", "ada"], second.Approval!.Decisions.Select(d => d.PersonId));
    }

    [Fact]
    public async Task Editing_an_approved_campaign_voids_the_approval_and_resubmitting_shows_what_changed()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        var changed = TestDrafts.OneTime().WithSubAudience(s => s with
        {
            ControlPercent = 20,
            Groups = [s.Groups![0] with { Percent = 40 }, s.Groups[1] with { Percent = 40 }],
        });

        var edited = host.Campaigns.Update(id, host.View(id).Version, changed, host.Maya).Unwrap();

        Assert.Equal(CampaignStatus.Draft, edited.Status);
        Assert.Equal("Edited after approval; the approval is void and it needs approving again.", edited.StatusReason);
        await host.TickAsync();
        Assert.Empty(host.Runs.ForCampaign(id, host.Maya).Unwrap());

        var resubmitted = (await host.SubmitAsync(id)).Unwrap();

        Assert.Equal(CampaignStatus.PendingApproval, resubmitted.Status);
        Assert.Equal(
            string.Join('\n',
                "Changed Sub-audience 1 (Everyone) › Control: 10% → 20%",
                "Changed Sub-audience 1 (Everyone) › Group 'Email A' › Percent: 45% → 40%",
                "Changed Sub-audience 1 (Everyone) › Group 'Email B' › Percent: 45% → 40%"),
            resubmitted.Approval!.Changes);
    }

    [Fact]
    public async Task Editing_a_campaign_waiting_for_approval_withdraws_the_request()
    {
        await using var host = new LifecycleHost();
        var id = await host.SubmittedAsync(TestDrafts.OneTime());

        var edited = host.Campaigns.Update(id, host.View(id).Version, TestDrafts.OneTime("Winter welcome 2"), host.Maya).Unwrap();
        var approve = await host.ApproveAsync(id, host.Omar);

        Assert.Equal(CampaignStatus.Draft, edited.Status);
        Assert.Equal("Withdrawn", edited.Approval!.State);
        Assert.Equal("There is nothing to decide: 'Winter welcome 2' is draft, not waiting for approval.",
            Assert.IsType<ServiceResult<CampaignView>.Conflict>(approve).Message);
    }

    [Fact]
    public async Task A_segment_changed_after_submission_withdraws_the_request_and_returns_the_campaign_to_draft()
    {
        await using var host = new LifecycleHost();
        var id = await host.SubmittedAsync(TestDrafts.OneTime());
        var segments = host.Get<AppDatabase>().Collection<SegmentRecord>("segments");
        var loyalty = segments.FindById(SegmentRecord.KeyOf("Loyalty members"));
        loyalty.Filter = "loyalty_member = true and lifetime_value > 100";
        segments.Update(loyalty);

        var result = await host.ApproveAsync(id, host.Omar);

        Assert.Equal("'Winter welcome' no longer matches what was submitted (a segment or destination behind it changed); it is back in Draft for the author to submit again.",
            Assert.IsType<ServiceResult<CampaignView>.Conflict>(result).Message);
        var view = host.View(id);
        Assert.Equal(CampaignStatus.Draft, view.Status);
        Assert.Equal("A segment or destination behind it changed after it was submitted; review it and submit it again.", view.StatusReason);
        Assert.Equal("Withdrawn", view.Approval!.State);
        Assert.Empty(view.Approval.Decisions);
        Assert.DoesNotContain(host.Audit(id), e => e.Action == "Approve");
        Assert.True((await host.Approvals.SubmitAsync(id, host.Maya, CancellationToken.None)).IsOk);
    }

    [Fact]
    public async Task An_undecided_request_reminds_the_approvers_once_after_a_day()
    {
        var (host, notices) = RecordingNotifier.Host();
        await using var _ = host;
        var id = await host.SubmittedAsync(TestDrafts.OneTime());

        host.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await host.Approvals.RemindAndExpireAsync(CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromHours(2));
        var reminded = await host.Approvals.RemindAndExpireAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromHours(1));
        var remindedAgain = await host.Approvals.RemindAndExpireAsync(CancellationToken.None);

        Assert.Equal((1, 0), (reminded, remindedAgain));
        var request = host.Get<CampaignBot.App.Approvals.ApprovalStore>().ForCampaign(id).Single();
        Assert.Equal(LifecycleHost.Start.AddHours(25), request.RemindedAt);
        await host.NoticesSentAsync();
        Assert.Single(notices.Notices, n => n is CampaignNotice.ApprovalRequested { IsReminder: true });
        Assert.Equal(CampaignStatus.PendingApproval, host.View(id).Status);
    }

    [Fact]
    public async Task An_undecided_request_expires_after_three_days_and_the_campaign_is_a_draft_again_never_approved()
    {
        var (host, notices) = RecordingNotifier.Host();
        await using var _ = host;
        var id = await host.SubmittedAsync(TestDrafts.OneTime());

        host.Clock.Advance(TimeSpan.FromHours(72));
        var expired = await host.Approvals.RemindAndExpireAsync(CancellationToken.None);

        Assert.Equal(1, expired);
        var view = host.View(id);
        Assert.Equal(CampaignStatus.Draft, view.Status);
        Assert.Equal("The approval request expired after 72 hours without a decision; submit it again.", view.StatusReason);
        Assert.Equal("Expired", view.Approval!.State);
        await host.NoticesSentAsync();
        Assert.Single(notices.Notices.OfType<CampaignNotice.ApprovalExpired>());
        Assert.Equal("There is nothing to decide: 'Winter welcome' is draft, not waiting for approval.",
            Assert.IsType<ServiceResult<CampaignView>.Conflict>(await host.ApproveAsync(id, host.Omar)).Message);
        host.Clock.Advance(TimeSpan.FromDays(30));
        await host.TickAsync();
        Assert.Equal(CampaignStatus.Draft, host.View(id).Status);
        Assert.Empty(host.Runs.ForCampaign(id, host.Maya).Unwrap());
        Assert.Equal(("scheduler", "scheduler"), host.Audit(id).Where(e => e.Action == "ExpireApprovalRequest").Select(e => (e.Actor, e.Channel)).Single());
    }
}
