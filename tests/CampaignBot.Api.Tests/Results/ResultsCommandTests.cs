using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Conversations.Messages;
using CampaignBot.Conversations.Results;

namespace CampaignBot.Api.Tests.Results;

public sealed class ResultsCommandTests
{
    [Fact]
    public async Task Results_command_gives_the_verdict_a_table_per_group_and_the_chart_and_show_then_carries_the_verdict()
    {
        await using var host = new LifecycleHost();
        await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        var message = (await host.SayAsync("vic", "results Winter welcome")).Message();

        var text = message.Text();
        Assert.Contains("Results of Winter welcome", text, StringComparison.Ordinal);
        Assert.Contains("Email A", text, StringComparison.Ordinal);
        Assert.Contains("Email B", text, StringComparison.Ordinal);
        Assert.Contains("control", text, StringComparison.Ordinal);
        Assert.Contains("Orders within 7 days after each send count", text, StringComparison.Ordinal);
        Assert.Equal(2, message.Blocks.OfType<Notice>().Count());
        var chart = Assert.Single(message.Blocks.OfType<ChatImage>());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], chart.Png.Take(4));
        Assert.Contains("Control", chart.AltText, StringComparison.Ordinal);

        var shown = (await host.SayAsync("vic", "show Winter welcome")).Message().Text();
        Assert.Contains("Latest results", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_command_for_a_campaign_that_has_not_run_says_there_is_nothing_to_measure()
    {
        await using var host = new LifecycleHost();
        host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap();

        var text = (await host.SayAsync("maya", "results Winter welcome")).Message().Text();

        Assert.Contains("Nothing to measure yet: the campaign has not run.", text, StringComparison.Ordinal);
    }
}
