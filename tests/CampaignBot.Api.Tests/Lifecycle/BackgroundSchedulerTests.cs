using CampaignBot.App.Application;
using CampaignBot.App.Approvals;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Users;
using CampaignBot.Core.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class BackgroundSchedulerTests
{
    [Fact]
    public async Task With_the_real_clock_an_approved_asap_campaign_is_in_the_outbox_within_seconds()
    {
        // The scheduler polls once a minute here: only the wake-up on approval can make this fast.
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?> { ["Scheduler:PollInterval"] = "00:01:00" });
        _ = factory.Server;
        var users = factory.Services.GetRequiredService<UserDirectory>();
        Actor maya = new(users.ById("maya")!, "test"), omar = new(users.ById("omar")!, "test");
        var campaigns = factory.Services.GetRequiredService<CampaignService>();
        var approvals = factory.Services.GetRequiredService<ApprovalService>();

        var id = campaigns.Create(TestDrafts.OneTime(), maya).Unwrap().Id;
        (await approvals.SubmitAsync(id, maya, CancellationToken.None)).Unwrap();
        (await approvals.ApproveAsync(id, omar, "Looks right", CancellationToken.None)).Unwrap();

        var outbox = Path.Combine(factory.DataFolder, "outbox");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (campaigns.Get(id, maya).Unwrap().Status != CampaignStatus.Completed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(CampaignStatus.Completed, campaigns.Get(id, maya).Unwrap().Status);
        Assert.Equal(2, Directory.GetFiles(outbox, "*.manifest.json", SearchOption.AllDirectories).Length);
    }
}
