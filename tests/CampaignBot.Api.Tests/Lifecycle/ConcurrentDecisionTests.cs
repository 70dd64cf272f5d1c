using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class ConcurrentDecisionTests
{
    [Fact]
    public async Task Two_approvers_deciding_at_the_same_moment_both_count()
    {
        await using var host = new LifecycleHost();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            // Sending given names needs two approvers.
            var id = await host.SubmittedAsync(TestDrafts.OneTime($"Winter welcome {attempt}").Sending("customer_id", "email", "given_name"));

            var results = await Task.WhenAll(Task.Run(() => host.ApproveAsync(id, host.Omar)), Task.Run(() => host.ApproveAsync(id, host.Ada)));

            Assert.All(results, r => Assert.True(r.IsOk, r.Describe()));
            var view = host.View(id);
            Assert.Equal(CampaignStatus.Approved, view.Status);
            Assert.Equal(["ada", "omar"], view.Approval!.Decisions.Select(d => d.PersonId).Order());
        }
    }

    [Fact]
    public async Task One_approver_approving_twice_at_the_same_moment_gets_the_same_answer_both_times()
    {
        await using var host = new LifecycleHost();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var id = await host.SubmittedAsync(TestDrafts.OneTime($"Double click {attempt}"));

            var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => host.ApproveAsync(id, host.Omar))));

            Assert.All(results, r => Assert.True(r.IsOk, r.Describe()));
            Assert.Equal(CampaignStatus.Approved, host.View(id).Status);
            Assert.Single(host.View(id).Approval!.Decisions);
        }
    }

    [Fact]
    public async Task Approvals_of_many_campaigns_at_the_same_moment_are_each_recorded_once()
    {
        await using var host = new LifecycleHost();
        var ids = new List<CampaignId>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await host.SubmittedAsync(TestDrafts.OneTime($"Spring sale {i}")));
        }

        // Every campaign clicked twice at once by the same approver, as a double click would.
        var results = await Task.WhenAll(ids.Concat(ids).Select(id => Task.Run(() => host.ApproveAsync(id, host.Omar))));

        Assert.All(results, r => Assert.True(r.IsOk, r.Describe()));
        Assert.All(ids, id =>
        {
            var view = host.View(id);
            Assert.Equal(CampaignStatus.Approved, view.Status);
            Assert.Equal("omar", Assert.Single(view.Approval!.Decisions).PersonId);
            Assert.Single(host.Audit(id), e => e.Action == "Approve");
        });
    }
}
