using CampaignBot.App.Campaigns;
using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class VoidedApprovalTests
{
    [Fact]
    public async Task An_approval_voided_by_an_edit_reads_as_voided_in_the_api_and_the_chat_summary()
    {
        await using var host = new LifecycleHost();
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        Assert.Equal("Approved", host.View(id).Approval!.State);

        host.Campaigns.Update(id, host.View(id).Version, TestDrafts.OneTime("Winter welcome two"), host.Maya).Unwrap();

        using var vic = host.Client("vic");
        var read = await (await vic.GetAsync($"/api/campaigns/{id}")).ReadAsync<CampaignView>();
        Assert.Equal(CampaignStatus.Draft, read.Status);
        Assert.Equal("Voided", read.Approval!.State);
        var summary = (await host.SayAsync("maya", "show Winter welcome two")).Message().Text();
        Assert.Contains("Approval: Voided", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Approved", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_voided_by_cancelling_reads_as_voided_and_a_new_approval_reads_as_approved()
    {
        await using var host = new LifecycleHost();
        var cancelled = await host.ApprovedAsync(TestDrafts.OneTime());
        var reapproved = await host.ApprovedAsync(TestDrafts.OneTime("Spring welcome"));

        host.Campaigns.Cancel(cancelled, host.Maya).Unwrap();
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        host.Campaigns.Update(reapproved, host.View(reapproved).Version, TestDrafts.OneTime("Spring welcome two"), host.Maya).Unwrap();
        (await host.SubmitAsync(reapproved)).Unwrap();
        (await host.ApproveAsync(reapproved, host.Omar)).Unwrap();

        Assert.Equal("Voided", host.View(cancelled).Approval!.State);
        Assert.Equal("Approved", host.View(reapproved).Approval!.State);
    }
}
