using CampaignBot.Chat.Slack;
using CampaignBot.Conversations.Inbound;
using Microsoft.Extensions.Time.Testing;
using CampaignBot.Chat.Slack.Protocol;

namespace CampaignBot.Chat.Slack.Tests.Protocol;

/// <summary>Slack's deliveries named by <see cref="SlackDeliveryKeys"/> and remembered by the pipeline's <see cref="RecentDeliveries"/>.</summary>
public sealed class SlackDeliveryKeysTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-23T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static SlackEventCallback Message(string eventId, string channel = "C0APPROVALS", string ts = "1765000000.000100") =>
        new(eventId, "T0TEAM", new SlackEvent("message", "U0ALICE", channel, "channel", "hi", ts, "", "", ""));

    [Fact]
    public void First_delivery_is_accepted_and_a_retry_with_the_same_event_id_is_not()
    {
        var guard = new Guard(_time);
        Assert.True(guard.TryAccept(Message("Ev01")));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(guard.TryAccept(Message("Ev01")));
    }

    [Fact]
    public void Last_retry_five_minutes_after_the_original_is_still_recognised()
    {
        var guard = new Guard(_time);
        Assert.True(guard.TryAccept("Ev02"));
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30));
        Assert.False(guard.TryAccept("Ev02"));
    }

    [Fact]
    public void Event_id_is_forgotten_after_the_ttl()
    {
        var guard = new Guard(_time);
        Assert.True(guard.TryAccept("Ev03"));
        _time.Advance(RecentDeliveries.Ttl);
        Assert.True(guard.TryAccept("Ev03"));
    }

    [Fact]
    public void Same_message_under_a_different_event_id_is_a_duplicate()
    {
        var guard = new Guard(_time);
        Assert.True(guard.TryAccept(Message("Ev04")));
        Assert.False(guard.TryAccept(Message("Ev05")));
        Assert.True(guard.TryAccept(Message("Ev06", ts: "1765000001.000200")));
    }

    [Fact]
    public void A_mention_delivered_as_app_mention_and_as_message_is_handled_once()
    {
        var guard = new Guard(_time);
        var mention = new SlackEventCallback("Ev10", "T0TEAM", new SlackEvent("app_mention", "U0ALICE", "C0OPS", "channel", "<@U0BOT> status", "1765000002.000300", "", "", ""));
        Assert.True(guard.TryAccept(mention));
        Assert.False(guard.TryAccept(mention with { EventId = "Ev11", Event = mention.Event with { Type = "message" } }));
    }

    [Fact]
    public void Expired_entries_are_swept()
    {
        var guard = new Guard(_time);
        for (var i = 0; i < 50; i++)
        {
            guard.TryAccept(Message($"Ev{i}", ts: $"1765000000.{i:D6}"));
        }

        Assert.Equal(100, guard.Count);
        _time.Advance(RecentDeliveries.Ttl);
        Assert.Equal(0, guard.Count);
    }

    [Fact]
    public void Concurrent_deliveries_of_one_event_are_accepted_exactly_once()
    {
        var guard = new Guard(_time);
        var accepted = 0;
        Parallel.For(0, 64, _ =>
        {
            if (guard.TryAccept("Ev-race"))
            {
                Interlocked.Increment(ref accepted);
            }
        });
        Assert.Equal(1, accepted);
    }

    private static SlackInteraction Click(string user, string actionTs) => new()
    {
        Type = SlackInteractionType.BlockActions,
        UserId = user,
        Actions = [new SlackAction("campaign.approve", "b1", "button", ["42"]) { ActionTs = actionTs }],
    };

    [Fact]
    public void A_click_is_accepted_once_by_user_action_and_action_ts_within_the_ttl()
    {
        var guard = new Guard(_time);
        Assert.True(guard.TryAccept(Click("U0OMAR", "1765000010.000001"), "a"u8));
        Assert.False(guard.TryAccept(Click("U0OMAR", "1765000010.000001"), "b"u8));
        Assert.True(guard.TryAccept(Click("U0OMAR", "1765000011.000001"), "a"u8));
        Assert.True(guard.TryAccept(Click("U0ANA", "1765000010.000001"), "a"u8));
        _time.Advance(RecentDeliveries.Ttl);
        Assert.True(guard.TryAccept(Click("U0OMAR", "1765000010.000001"), "a"u8));
    }

    [Fact]
    public void A_click_without_action_ts_is_recognised_by_its_signed_bytes()
    {
        var guard = new Guard(_time);
        Assert.True(guard.TryAccept(Click("U0OMAR", ""), "payload=one"u8));
        Assert.False(guard.TryAccept(Click("U0OMAR", ""), "payload=one"u8));
        Assert.True(guard.TryAccept(Click("U0OMAR", ""), "payload=two"u8));
    }

    private sealed class Guard(TimeProvider time)
    {
        private readonly RecentDeliveries _recent = new(time);

        public int Count => _recent.Count;

        public bool TryAccept(SlackEventCallback callback)
        {
            var (key, second) = SlackDeliveryKeys.Of(callback);
            return _recent.TryAccept(key, second);
        }

        public bool TryAccept(string eventId) => _recent.TryAccept($"slack:evt:{eventId}");

        public bool TryAccept(SlackInteraction interaction, ReadOnlySpan<byte> signedBody) => _recent.TryAccept(SlackDeliveryKeys.Of(interaction, signedBody));
    }
}
