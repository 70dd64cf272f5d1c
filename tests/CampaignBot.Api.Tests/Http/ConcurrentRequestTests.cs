using System.Net;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Segments;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.Api.Tests.Http;

/// <summary>
/// The same request sent many times at once: exactly one wins, and every other one gets the answer it would get
/// coming second (409), never a different kind of failure because it lost a race.
/// </summary>
public sealed class ConcurrentRequestTests
{
    private const int AtOnce = 20;

    [Fact]
    public async Task Twenty_creates_of_one_segment_name_at_once_give_one_201_and_nineteen_409s()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?> { ["Api:PermitsPerMinute"] = "10000" });
        using var maya = host.Client("maya");

        // A few rounds, each with its own name: one round may not hit the window between the check and the insert.
        for (var round = 0; round < 5; round++)
        {
            var name = $"Big spenders {round}";
            var responses = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ =>
                maya.PostJsonAsync("/api/segments", new { name, text = "lifetime_value > 500 and state in (WA, OR)" })));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.True(statuses.Count(s => s == HttpStatusCode.Created) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == AtOnce - 1,
                $"Round {round}: {string.Join(", ", statuses.Select(s => (int)s))}");
            foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            {
                Assert.Equal($"A segment called '{name}' already exists; choose another name.", (await conflict.ProblemAsync(HttpStatusCode.Conflict)).Detail());
            }

            Assert.Single(await (await maya.GetAsync("/api/segments")).ReadAsync<List<SegmentView>>(), s => s.Name == name);
            responses.ToList().ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task Twenty_submits_of_one_draft_at_once_give_one_200_and_nineteen_409s_and_one_request()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?> { ["Api:PermitsPerMinute"] = "10000" });
        using var maya = host.Client("maya");

        for (var round = 0; round < 5; round++)
        {
            var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;

            var responses = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => maya.PostAsync($"/api/campaigns/{id}/submit", null)));

            var statuses = responses.Select(r => r.StatusCode).ToList();
            Assert.True(statuses.Count(s => s == HttpStatusCode.OK) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == AtOnce - 1,
                $"Round {round}: {string.Join(", ", statuses.Select(s => (int)s))}");
            Assert.Equal(CampaignStatus.PendingApproval, host.View(id).Status);
            Assert.Single(host.Get<CampaignBot.App.Approvals.ApprovalStore>().ForCampaign(id));
            responses.ToList().ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task Twenty_creates_of_one_campaign_name_at_once_are_twenty_campaigns_because_campaign_names_need_not_be_unique()
    {
        await using var host = new LifecycleHost(new Dictionary<string, string?> { ["Api:PermitsPerMinute"] = "10000" });
        using var maya = host.Client("maya");

        var responses = await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => maya.PostJsonAsync("/api/campaigns", TestDrafts.OneTime("Spring sale"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var created = await Task.WhenAll(responses.Select(r => r.ReadAsync<CampaignView>(HttpStatusCode.Created)));
        Assert.Equal(AtOnce, created.Select(c => c.Id).Distinct().Count());
        Assert.Equal(AtOnce, host.Campaigns.List(host.Maya).Count(c => c.Name == "Spring sale"));
        responses.ToList().ForEach(r => r.Dispose());
    }
}
