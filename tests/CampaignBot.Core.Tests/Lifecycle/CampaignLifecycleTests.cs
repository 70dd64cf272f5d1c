using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Core.Tests.Lifecycle;

public sealed class CampaignLifecycleTests
{
    [Theory]
    [InlineData(CampaignStatus.Draft, CampaignAction.Submit, CampaignStatus.PendingApproval)]
    [InlineData(CampaignStatus.PendingApproval, CampaignAction.Approve, CampaignStatus.Approved)]
    [InlineData(CampaignStatus.PendingApproval, CampaignAction.Reject, CampaignStatus.Draft)]
    [InlineData(CampaignStatus.Approved, CampaignAction.Schedule, CampaignStatus.Scheduled)]
    [InlineData(CampaignStatus.Scheduled, CampaignAction.Start, CampaignStatus.Running)]
    [InlineData(CampaignStatus.Approved, CampaignAction.Start, CampaignStatus.Running)]
    [InlineData(CampaignStatus.Scheduled, CampaignAction.Pause, CampaignStatus.Paused)]
    [InlineData(CampaignStatus.Running, CampaignAction.Pause, CampaignStatus.Paused)]
    [InlineData(CampaignStatus.Paused, CampaignAction.Resume, CampaignStatus.Scheduled)]
    [InlineData(CampaignStatus.Running, CampaignAction.Cancel, CampaignStatus.Cancelled)]
    [InlineData(CampaignStatus.PendingApproval, CampaignAction.ExpireApprovalRequest, CampaignStatus.Draft)]
    [InlineData(CampaignStatus.Scheduled, CampaignAction.Expire, CampaignStatus.Expired)]
    [InlineData(CampaignStatus.Running, CampaignAction.RequestReapproval, CampaignStatus.PendingApproval)]
    public void Allowed_moves_land_where_the_architecture_says(CampaignStatus from, CampaignAction action, CampaignStatus to) =>
        Assert.Equal(to, CampaignLifecycle.Check(from, action).To);

    [Theory]
    [InlineData(CampaignStatus.Approved)]
    [InlineData(CampaignStatus.Scheduled)]
    [InlineData(CampaignStatus.Paused)]
    [InlineData(CampaignStatus.PendingApproval)]
    public void Editing_an_approved_or_waiting_campaign_returns_it_to_draft(CampaignStatus from) =>
        Assert.Equal(CampaignStatus.Draft, CampaignLifecycle.Check(from, CampaignAction.Edit).To);

    [Fact]
    public void Editing_during_a_run_is_refused_with_what_to_do_instead()
    {
        var check = CampaignLifecycle.Check(CampaignStatus.Running, CampaignAction.Edit);

        Assert.False(check.IsAllowed);
        Assert.Equal("A run is in progress; pause the campaign first, then edit it.", check.Refusal);
    }

    [Theory]
    [InlineData(CampaignStatus.Completed, CampaignAction.Edit, "The campaign is completed and can no longer be edited; create a new campaign instead.")]
    [InlineData(CampaignStatus.Cancelled, CampaignAction.Cancel, "The campaign is cancelled and can no longer be cancelled.")]
    [InlineData(CampaignStatus.Scheduled, CampaignAction.Submit, "Only a draft can be submitted; this campaign is scheduled.")]
    [InlineData(CampaignStatus.PendingApproval, CampaignAction.Submit, "It is already waiting for approval.")]
    [InlineData(CampaignStatus.Draft, CampaignAction.Approve, "There is nothing to decide: the campaign is draft, not waiting for approval.")]
    [InlineData(CampaignStatus.Completed, CampaignAction.Pause, "Only an approved, scheduled or running campaign can be paused; this one is completed.")]
    [InlineData(CampaignStatus.Paused, CampaignAction.Pause, "It is already paused.")]
    [InlineData(CampaignStatus.Scheduled, CampaignAction.Resume, "Only a paused campaign can be resumed; this one is scheduled.")]
    [InlineData(CampaignStatus.Running, CampaignAction.Delete, "A campaign that is running cannot be deleted; cancel it first.")]
    [InlineData(CampaignStatus.Completed, CampaignAction.Delete, "A campaign that is completed is kept with its runs for the record and cannot be deleted.")]
    [InlineData(CampaignStatus.Completed, CampaignAction.Retry, "Only a failed or partially failed campaign has deliveries to retry; this one is completed.")]
    [InlineData(CampaignStatus.PartiallyFailed, CampaignAction.Start, "A campaign that is partially failed does not run.")]
    public void Illegal_moves_are_refused_with_a_reason(CampaignStatus from, CampaignAction action, string reason)
    {
        var check = CampaignLifecycle.Check(from, action);

        Assert.Null(check.To);
        Assert.Equal(reason, check.Refusal);
    }

    [Theory]
    [InlineData(CampaignStatus.Completed)]
    [InlineData(CampaignStatus.PartiallyFailed)]
    [InlineData(CampaignStatus.Failed)]
    [InlineData(CampaignStatus.Scheduled)]
    [InlineData(CampaignStatus.Expired)]
    public void A_run_finishes_into_its_outcome(CampaignStatus outcome) =>
        Assert.Equal(outcome, CampaignLifecycle.Check(CampaignStatus.Running, CampaignAction.Finish, outcome).To);

    [Fact]
    public void Only_a_running_campaign_finishes_and_never_back_into_draft()
    {
        Assert.False(CampaignLifecycle.Check(CampaignStatus.Scheduled, CampaignAction.Finish, CampaignStatus.Completed).IsAllowed);
        Assert.False(CampaignLifecycle.Check(CampaignStatus.Running, CampaignAction.Finish, CampaignStatus.Draft).IsAllowed);
    }

    [Fact]
    public void Front_ends_offer_only_the_moves_the_status_allows()
    {
        Assert.Equal([CampaignAction.Edit, CampaignAction.Submit, CampaignAction.Cancel, CampaignAction.Delete], CampaignLifecycle.Available(CampaignStatus.Draft));
        Assert.Equal([CampaignAction.Pause, CampaignAction.Cancel], CampaignLifecycle.Available(CampaignStatus.Running));
        Assert.Empty(CampaignLifecycle.Available(CampaignStatus.Completed));
    }

    [Fact]
    public void Every_status_reads_as_words() =>
        Assert.All(Enum.GetValues<CampaignStatus>(), s => Assert.Matches("^[a-z ]+$", CampaignLifecycle.Words(s)));
}
