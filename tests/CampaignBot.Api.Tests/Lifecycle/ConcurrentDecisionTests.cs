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
}
