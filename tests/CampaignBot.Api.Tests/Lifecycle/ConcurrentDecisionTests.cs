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
}
