using CampaignBot.App.Notifications;
using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class AudienceDriftTests
{
    // "Recent buyers" is everyone who ordered in the 14 days before the run; the demo customers' last orders all lie
    // before the day they were generated, so three weeks later nobody is left in it: far past the 20 % allowed.
    [Fact]
    public async Task A_recurring_run_whose_audience_drifted_sends_nothing_and_the_campaign_waits_for_approvers_again()
    {
        var (host, notices) = RecordingNotifier.Host();
        await using var _ = host;
        var draft = TestDrafts.Recurring("weekly", "2026-11-24 09:00") with { Audience = new AudienceDraft { Include = ["Recent buyers"] } };
        var id = await host.ApprovedAsync(draft);
        await host.TickAsync();
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 15, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();

        var held = host.Runs.ForCampaign(id, host.Maya).Unwrap().Single(r => r.Slot == host.Clock.GetUtcNow());
        Assert.Equal(nameof(RunStatus.HeldForApproval), held.Status);
        Assert.All(held.Deliveries, d => Assert.Equal(0, d.Rows));
        var drift = Assert.Single(held.Errors);
        Assert.Contains("nothing was sent and the campaign waits for re-approval", drift, StringComparison.Ordinal);

        var campaign = host.View(id);
        Assert.Equal((CampaignStatus.PendingApproval, drift), (campaign.Status, campaign.StatusReason));
        Assert.Equal(("Open", drift), (campaign.Approval!.State, campaign.Approval.Changes));
        Assert.Null(campaign.NextRunAt);
        await host.NoticesSentAsync();
        var request = Assert.IsType<CampaignNotice.ApprovalRequested>(notices.Notices.Last(n => n is CampaignNotice.ApprovalRequested));
        Assert.Equal(drift, request.Request.ChangesSinceApproved);
        var audit = host.Audit(id)[^1];
        Assert.Equal(("RequestReapproval", CampaignStatus.Running, CampaignStatus.PendingApproval, drift), (audit.Action, audit.From, audit.To, audit.Detail));
    }
}
