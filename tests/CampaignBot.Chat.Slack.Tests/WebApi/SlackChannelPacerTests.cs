using CampaignBot.Chat.Slack;
using Microsoft.Extensions.Time.Testing;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Chat.Slack.Tests.WebApi;

public sealed class SlackChannelPacerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void A_channel_gets_a_burst_then_one_slot_per_second()
    {
        var pacer = new SlackChannelPacer(_time, burst: 3);
        var waits = Enumerable.Range(0, 6).Select(_ => pacer.Reserve("C1").TotalSeconds).ToList();
        Assert.Equal([0, 0, 0, 1, 2, 3], waits);
    }

    [Fact]
    public void Channels_are_paced_independently()
    {
        var pacer = new SlackChannelPacer(_time, burst: 1);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("C1"));
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Reserve("C1"));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("C2"));
    }

    [Fact]
    public void An_idle_channel_regains_its_burst()
    {
        var pacer = new SlackChannelPacer(_time, burst: 2);
        pacer.Reserve("C1");
        pacer.Reserve("C1");
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Reserve("C1"));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("C1"));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve("C1"));
    }
}
