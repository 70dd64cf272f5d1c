using CampaignBot.Api.Tests.Lifecycle;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>Run notices as Slack posts them: numbers agreeing with their nouns.</summary>
public sealed class SlackRunWordingTests
{
    [Fact]
    public async Task A_run_with_one_delivery_reports_it_in_the_singular()
    {
        await using var slack = await SlackHost.StartAsync();
        var oneGroup = TestDrafts.OneTime().WithSubAudience(s => s with { Groups = [s.Groups![0] with { Percent = 90 }] });
        await slack.Host.ApprovedAsync(oneGroup);

        await slack.Host.TickAsync();
        var started = await slack.WaitForAsync("chat.postMessage", c => SlackHost.Text(c).Contains("Run started", StringComparison.Ordinal));

        Assert.Contains("recipients across 1 delivery.", SlackHost.Text(started), StringComparison.Ordinal);
    }
}
