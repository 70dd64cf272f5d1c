using System.Security.Cryptography;

namespace CampaignBot.Chat.Slack.Protocol;

/// <summary>
/// The names of one Slack delivery, for the pipeline's replay window (S2). Slack retries an unacknowledged event up
/// to 3 times, the last about 5 minutes after the original, and retries are not dropped just for carrying
/// X-Slack-Retry-Num: the original may never have arrived. Message events are also named by (channel, ts), because
/// Slack has sent one message under two event_ids, and a mention arrives both as app_mention and as message.
/// </summary>
public static class SlackDeliveryKeys
{
    public static (string Key, string? Second) Of(SlackEventCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var slackEvent = callback.Event;
        var messageKey = slackEvent.Type is "message" or "app_mention" && slackEvent.Channel.Length > 0 && slackEvent.Ts.Length > 0
            ? $"slack:msg:{slackEvent.Channel}:{slackEvent.Ts}"
            : null;
        return ($"slack:evt:{callback.EventId}", messageKey);
    }

    /// <summary>
    /// Interactivity payloads carry no event_id, and a replayed or redelivered click must not act or answer twice: the
    /// (user, action_id, action_ts) of its first action names one click, and a payload without an action_ts falls
    /// back to the hash of its exact signed bytes.
    /// </summary>
    public static string Of(SlackInteraction interaction, ReadOnlySpan<byte> signedBody)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.Actions is [{ ActionTs.Length: > 0 } action, ..]
            ? $"slack:act:{interaction.UserId}:{action.ActionId}:{action.ActionTs}"
            : $"slack:body:{Convert.ToHexString(SHA256.HashData(signedBody))}";
    }
}
