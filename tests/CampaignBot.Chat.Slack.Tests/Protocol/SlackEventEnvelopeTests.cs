using System.Text;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.Protocol;

namespace CampaignBot.Chat.Slack.Tests.Protocol;

public sealed class SlackEventEnvelopeTests
{
    private static SlackParseResult<SlackEventEnvelope> Parse(string json) => SlackEventEnvelope.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Url_verification_yields_the_challenge()
    {
        var result = Parse("""{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");
        Assert.Equal(new SlackUrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"), result.Value);
    }

    [Fact]
    public void App_mention_event_callback_is_parsed()
    {
        var result = Parse("""
            {"token":"ZZZZZZWSxiZZZ2yIvs3peJ","team_id":"T061EG9R6","api_app_id":"A0MDYCDME",
             "event":{"type":"app_mention","user":"U061F7AUR","text":"<@U0LAN0Z89> new campaign","ts":"1515449522.000016",
                      "channel":"C0LAN2Q65","event_ts":"1515449522000016","thread_ts":"1515449000.000100"},
             "type":"event_callback","event_id":"Ev0LAN670R","event_time":1515449522,
             "authorizations":[{"team_id":"T061EG9R6","user_id":"U0LAN0Z89","is_bot":true}]}
            """);
        var callback = Assert.IsType<SlackEventCallback>(result.Value);
        Assert.Equal("Ev0LAN670R", callback.EventId);
        Assert.Equal("T061EG9R6", callback.TeamId);
        Assert.Equal(new SlackEvent("app_mention", "U061F7AUR", "C0LAN2Q65", "", "@U0LAN0Z89 new campaign", "1515449522.000016", "1515449000.000100", "", ""), callback.Event);
        Assert.False(callback.Event.IsFromBot);
    }

    [Fact]
    public void Event_text_arrives_as_plain_text_with_slack_escaping_undone()
    {
        var result = Parse("""
            {"team_id":"T1","event":{"type":"app_mention","channel":"C1","user":"U2","ts":"1.2",
             "text":"<@U0BOT> segment new Big &amp; loyal where lifetime_value &gt; 2000 and email = <mailto:a@b.co|a@b.co>"},
             "type":"event_callback","event_id":"Ev3"}
            """);

        var callback = Assert.IsType<SlackEventCallback>(result.Value);
        Assert.Equal("@U0BOT segment new Big & loyal where lifetime_value > 2000 and email = a@b.co", callback.Event.Text);
    }

    [Fact]
    public void Invalid_unicode_in_an_event_is_the_parsers_failure_not_an_exception()
    {
        var invalidUtf8 = Encoding.UTF8.GetBytes("""{"type":"event_callback","event_id":"Ev1","event":{"type":"message","text":"X"}}""");
        invalidUtf8[Array.IndexOf(invalidUtf8, (byte)'X')] = 0xA8;
        var loneSurrogate = Parse("""{"type":"event_callback","event_id":"Ev1","event":{"type":"message","text":"\ud800"}}""");

        Assert.Equal("body holds a string that is not valid Unicode", SlackEventEnvelope.Parse(invalidUtf8).Error);
        Assert.Equal("body holds a string that is not valid Unicode", loneSurrogate.Error);
    }

    [Fact]
    public void Direct_message_event_carries_channel_type_im()
    {
        var result = Parse("""
            {"team_id":"T1","event":{"type":"message","channel":"D024BE91L","user":"U2147483697","text":"status","ts":"1355517523.000005",
             "event_ts":"1355517523.000005","channel_type":"im"},"type":"event_callback","event_id":"Ev2","event_time":1355517523}
            """);
        var callback = Assert.IsType<SlackEventCallback>(result.Value);
        Assert.Equal("im", callback.Event.ChannelType);
        Assert.Equal("status", callback.Event.Text);
    }

    [Theory]
    [InlineData("""{"type":"message","subtype":"bot_message","channel":"C1","text":"Approved","ts":"1.2","bot_id":"B123"}""")]
    [InlineData("""{"type":"message","channel":"C1","text":"Approved","ts":"1.2","bot_id":"B123","user":"U0BOT"}""")]
    [InlineData("""{"type":"message","subtype":"bot_message","channel":"C1","text":"Approved","ts":"1.2"}""")]
    public void Bot_messages_are_recognised_so_they_can_be_ignored(string inner)
    {
        var result = Parse($$"""{"type":"event_callback","event_id":"Ev3","team_id":"T1","event":{{inner}}}""");
        Assert.True(Assert.IsType<SlackEventCallback>(result.Value).Event.IsFromBot);
    }

    [Fact]
    public void Other_envelope_types_are_reported_not_rejected()
    {
        var result = Parse("""{"token":"x","team_id":"T1","minute_rate_limited":1518467820,"api_app_id":"A1","type":"app_rate_limited"}""");
        Assert.Equal(new SlackOtherEnvelope("app_rate_limited"), result.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"type":"url_verification"}""")]
    [InlineData("""{"type":"event_callback","event":{"type":"message"}}""")]
    [InlineData("""{"type":"event_callback","event_id":"Ev1","event":"message"}""")]
    [InlineData("""{"type":42}""")]
    [InlineData("""{"type":"event_callback","event_id":"Ev1","event":{"type":"message","text":{"nested":true}}""")]
    public void Malformed_envelope_is_a_parse_failure_not_an_exception(string json) => Assert.False(Parse(json).Succeeded);
}
