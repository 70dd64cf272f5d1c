using System.Text.Json.Nodes;
using CampaignBot.Api.Conversations;
using CampaignBot.Chat.Messages;
using CampaignBot.Chat.Slack;

namespace CampaignBot.Api.Slack;

/// <summary>Where a Slack request came from, so its answer goes back the way Slack allows.</summary>
/// <param name="ResponseUrl">Present for slash commands and message buttons: answers there need no token and may be ephemeral.</param>
/// <param name="TriggerId">Opens a modal; valid for 3 seconds after the click.</param>
/// <param name="ThreadTs">For mentions: answers go in the thread of the message that asked.</param>
public sealed record SlackOrigin(string UserId, string Channel, string? ResponseUrl = null, string? TriggerId = null, string? ThreadTs = null);

/// <summary>Turns the conversation core's replies into Slack calls.</summary>
public sealed class SlackReplies(SlackWebApi slack)
{
    public const string TriggerExpired =
        "That took too long: Slack gives a form only 3 seconds to open, and CampaignBot was too busy just then. Nothing was changed; please click (or type the command) again.";

    public async Task SendAsync(ChatReply reply, SlackOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        switch (reply)
        {
            case ChatReply.Say say:
                await SayAsync(say.Message, origin, replace: false, cancellationToken);
                break;
            case ChatReply.Replace replace:
                await SayAsync(replace.Message, origin, replace: true, cancellationToken);
                break;
            case ChatReply.Open open when origin.TriggerId is { Length: > 0 } trigger:
                try
                {
                    await slack.OpenViewAsync(trigger, SlackBlockKit.Modal(open.Form), cancellationToken);
                }
                catch (SlackApiException e) when (e.Error == "expired_trigger_id")
                {
                    await TriggerExpiredAsync(origin, cancellationToken);
                }

                break;
            case ChatReply.Open:
                await SayAsync(ChatMessage.Plain("Forms open from the /campaign command or a button; type `/campaign new` to start."), origin, replace: false, cancellationToken);
                break;
            case ChatReply.Close { Message: { } message }:
                await DirectAsync(origin.UserId, message, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Said instead of opening a form when the click's trigger_id expired before the form could open (Slack allows
    /// 3 seconds): nothing happened, so the person only needs to ask again.
    /// </summary>
    public Task TriggerExpiredAsync(SlackOrigin origin, CancellationToken cancellationToken) =>
        SendAsync(ChatReply.Text(TriggerExpired), origin, cancellationToken);

    /// <summary>A message to one person in their direct messages with the app.</summary>
    public async Task DirectAsync(string userId, ChatMessage message, CancellationToken cancellationToken)
    {
        var channel = await slack.OpenDirectMessageAsync(userId, cancellationToken);
        await slack.PostMessageAsync(channel, SlackBlockKit.Message(message), cancellationToken);
    }

    private async Task SayAsync(ChatMessage message, SlackOrigin origin, bool replace, CancellationToken cancellationToken)
    {
        var body = SlackBlockKit.Message(message);
        if (origin.ResponseUrl is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var responseUrl))
        {
            body["response_type"] = "ephemeral";
            body["replace_original"] = replace;
            await slack.PostToResponseUrlAsync(responseUrl, body, cancellationToken);
        }
        else if (origin.ThreadTs is { Length: > 0 } thread)
        {
            body["thread_ts"] = thread;
            await slack.PostMessageAsync(origin.Channel, body, cancellationToken);
        }
        else
        {
            await DirectAsync(origin.UserId, message, cancellationToken);
        }
    }

    /// <summary>The body answering a modal submission within Slack's 3 seconds; anything to say goes by direct message after.</summary>
    public static (JsonObject? Body, ChatMessage? FollowUp) ForSubmission(ChatReply reply) => reply switch
    {
        ChatReply.FieldErrors errors => (new JsonObject
        {
            ["response_action"] = "errors",
            ["errors"] = new JsonObject([.. errors.Errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)SlackText.Truncate(e.Value, 2000)))]),
        }, null),
        ChatReply.Next next => (new JsonObject { ["response_action"] = "update", ["view"] = SlackBlockKit.Modal(next.Form) }, null),
        ChatReply.Open open => (new JsonObject { ["response_action"] = "push", ["view"] = SlackBlockKit.Modal(open.Form) }, null),
        ChatReply.Close close => (new JsonObject { ["response_action"] = "clear" }, close.Message),
        ChatReply.Say say => (new JsonObject { ["response_action"] = "clear" }, say.Message),
        ChatReply.Replace replace => (new JsonObject { ["response_action"] = "clear" }, replace.Message),
        _ => (null, null),
    };
}
