using CampaignBot.Api.Tests.Lifecycle;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>Refusals and errors reach only the person who asked, wherever they asked; direct messages are answered in place.</summary>
public sealed class SlackReplyPrivacyTests
{
    [Theory]
    [InlineData("UVIC", "submit Winter welcome", "Not allowed")]
    [InlineData("UMAYA", "show No such campaign", "No campaign is called")]
    [InlineData("UMAYA", "make it pop", "I don't know")]
    [InlineData("UNEWBIE", "list", "not set up in CampaignBot")]
    public async Task A_refusal_to_a_channel_mention_is_shown_only_to_the_asker_in_its_thread(string user, string text, string expected)
    {
        await using var slack = await SlackHost.StartAsync();
        slack.Host.Campaigns.Create(TestDrafts.OneTime(), slack.Host.Maya).Unwrap();

        using var mention = await slack.EventAsync(SlackHost.Event(user, text, ts: "1700000000.000300"));
        var refusal = await slack.WaitForAsync("chat.postEphemeral");
        await slack.IdleAsync();

        Assert.Null(refusal.Error);
        Assert.Equal(SlackHost.Channel, refusal.Body["channel"]!.GetValue<string>());
        Assert.Equal(user, refusal.Body["user"]!.GetValue<string>());
        Assert.Equal("1700000000.000300", refusal.Body["thread_ts"]!.GetValue<string>());
        Assert.Contains(expected, SlackHost.Text(refusal), StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("chat.postMessage"));
    }

    [Fact]
    public async Task An_answer_to_a_channel_mention_stays_in_the_mentions_thread_for_everyone()
    {
        await using var slack = await SlackHost.StartAsync();
        slack.Host.Campaigns.Create(TestDrafts.OneTime(), slack.Host.Maya).Unwrap();

        using var mention = await slack.EventAsync(SlackHost.Event("UVIC", "list", ts: "1700000000.000400"));
        var answer = await slack.WaitForAsync("chat.postMessage");

        Assert.Equal(SlackHost.Channel, answer.Body["channel"]!.GetValue<string>());
        Assert.Equal("1700000000.000400", answer.Body["thread_ts"]!.GetValue<string>());
        Assert.Contains("Winter welcome", SlackHost.Text(answer), StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("chat.postEphemeral"));
    }

    [Fact]
    public async Task A_refusal_in_a_channel_the_bot_cannot_answer_in_goes_by_direct_message()
    {
        await using var slack = await SlackHost.StartAsync();

        using var mention = await slack.EventAsync(SlackHost.Event("UVIC", "new", channel: "C-ARCHIVED"));
        var failed = await slack.WaitForAsync("chat.postEphemeral");
        var direct = await slack.WaitForAsync("chat.postMessage");

        Assert.Equal("channel_not_found", failed.Error);
        Assert.Equal("DVIC", direct.Body["channel"]!.GetValue<string>());
        Assert.Contains("Only marketers create campaigns", SlackHost.Text(direct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_direct_message_is_answered_in_the_conversation_not_in_a_thread()
    {
        await using var slack = await SlackHost.StartAsync();
        slack.Host.Campaigns.Create(TestDrafts.OneTime(), slack.Host.Maya).Unwrap();

        using var message = await slack.EventAsync(SlackHost.Event("UMAYA", "list", channel: "DMAYA", ts: "1700000000.000500"));
        var answer = await slack.WaitForAsync("chat.postMessage");

        Assert.Equal("DMAYA", answer.Body["channel"]!.GetValue<string>());
        Assert.Null(answer.Body["thread_ts"]);
        Assert.Contains("Winter welcome", SlackHost.Text(answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_direct_message_written_in_a_thread_is_answered_in_that_thread()
    {
        await using var slack = await SlackHost.StartAsync();

        using var message = await slack.EventAsync(SlackHost.Event("UMAYA", "help", channel: "DMAYA", ts: "1700000000.000700", threadTs: "1700000000.000600"));
        var answer = await slack.WaitForAsync("chat.postMessage");

        Assert.Equal("DMAYA", answer.Body["channel"]!.GetValue<string>());
        Assert.Equal("1700000000.000600", answer.Body["thread_ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refusal_in_a_direct_message_is_answered_there_and_not_in_a_thread()
    {
        await using var slack = await SlackHost.StartAsync();

        using var message = await slack.EventAsync(SlackHost.Event("UVIC", "new", channel: "DVIC", ts: "1700000000.000800"));
        var answer = await slack.WaitForAsync("chat.postMessage");

        Assert.Equal("DVIC", answer.Body["channel"]!.GetValue<string>());
        Assert.Null(answer.Body["thread_ts"]);
        Assert.Contains("Only marketers create campaigns", SlackHost.Text(answer), StringComparison.Ordinal);
        Assert.Empty(slack.Slack.CallsTo("chat.postEphemeral"));
    }
}
