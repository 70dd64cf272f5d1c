using System.Text.Json.Nodes;
using CampaignBot.Conversations;
using CampaignBot.Conversations.Cards;
using CampaignBot.Conversations.Messages;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.BlockKit;
using CampaignBot.Chat.Slack.WebApi;

namespace CampaignBot.Chat.Slack;

/// <summary>Where a Slack request came from, so its answer goes back the way Slack allows.</summary>
/// <param name="Channel">The channel or direct message it came from; empty for a click inside a modal.</param>
/// <param name="ResponseUrl">Present for slash commands and message buttons: answers there need no token and may be ephemeral.</param>
/// <param name="TriggerId">Opens a modal; valid for 3 seconds after the click.</param>
/// <param name="ThreadTs">The thread to answer in: a mention's own message or its thread; for a direct message only the thread it was written in.</param>
public sealed record SlackOrigin(string UserId, string Channel, string? ResponseUrl = null, string? TriggerId = null, string? ThreadTs = null)
{
    /// <summary>Written in the person's direct messages with the app: answers go there, not to a channel.</summary>
    public bool InDirectMessage { get; init; }

    /// <summary>For a click inside a modal: the modal, which views.update changes in place (no trigger needed).</summary>
    public string? ViewId { get; init; }

    /// <summary>The modal's version when clicked; Slack refuses the update (hash_conflict) if it changed since.</summary>
    public string? ViewHash { get; init; }
}

/// <summary>
/// Turns the conversation core's replies into Slack calls. Refusals and errors are only ever seen by the person
/// who asked: ephemeral at a response_url, chat.postEphemeral where they mentioned the bot in a channel, or in
/// their direct messages with the app.
/// </summary>
public sealed partial class SlackReplies(SlackWebApi slack, ILogger<SlackReplies> logger)
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
            case ChatReply.Refuse refuse:
                await PrivatelyAsync(refuse.Message, origin, cancellationToken);
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
            case ChatReply.Next next when origin.ViewId is { Length: > 0 } viewId:
                try
                {
                    await slack.UpdateViewAsync(viewId, SlackBlockKit.Modal(next.Form), origin.ViewHash, cancellationToken);
                }
                catch (SlackApiException e) when (e.Error == "hash_conflict")
                {
                    // A second click changed the modal first; it shows the newer step, which the wizard checks on submission.
                    LogViewMoved(viewId);
                }

                break;
            case ChatReply.Open:
                await PrivatelyAsync(ChatMessage.Plain("Forms open from the /campaign command or a button; type `/campaign new` to start."), origin, cancellationToken);
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
        SendAsync(new ChatReply.Refuse(ResultMessages.Refusal(TriggerExpired)), origin, cancellationToken);

    /// <summary>A message to one person in their direct messages with the app.</summary>
    public async Task DirectAsync(string userId, ChatMessage message, CancellationToken cancellationToken)
    {
        var channel = await slack.OpenDirectMessageAsync(userId, cancellationToken);
        await slack.PostMessageAsync(channel, SlackBlockKit.Message(message), cancellationToken);
    }

    private async Task SayAsync(ChatMessage message, SlackOrigin origin, bool replace, CancellationToken cancellationToken)
    {
        if (await TryResponseUrlAsync(message, origin, replace, cancellationToken))
        {
            return;
        }

        if (origin.InDirectMessage || origin.ThreadTs is { Length: > 0 })
        {
            await slack.PostMessageAsync(origin.Channel, InThread(SlackBlockKit.Message(message), origin), cancellationToken);
        }
        else
        {
            await DirectAsync(origin.UserId, message, cancellationToken);
        }
    }

    private async Task PrivatelyAsync(ChatMessage message, SlackOrigin origin, CancellationToken cancellationToken)
    {
        if (await TryResponseUrlAsync(message, origin, replace: false, cancellationToken))
        {
            return;
        }

        if (origin.InDirectMessage)
        {
            // The direct message is private already; an ephemeral there would vanish on reload.
            await slack.PostMessageAsync(origin.Channel, InThread(SlackBlockKit.Message(message), origin), cancellationToken);
            return;
        }

        if (origin.Channel.Length > 0)
        {
            try
            {
                await slack.PostEphemeralAsync(origin.Channel, origin.UserId, InThread(SlackBlockKit.Message(message), origin), cancellationToken);
                return;
            }
            catch (SlackApiException e)
            {
                // A channel the bot was removed from, or the person left it: their direct messages still reach them.
                LogEphemeralFailed(origin.Channel, e.Error);
            }
        }

        await DirectAsync(origin.UserId, message, cancellationToken);
    }

    private async Task<bool> TryResponseUrlAsync(ChatMessage message, SlackOrigin origin, bool replace, CancellationToken cancellationToken)
    {
        if (origin.ResponseUrl is not { Length: > 0 } url || !Uri.TryCreate(url, UriKind.Absolute, out var responseUrl))
        {
            return false;
        }

        var body = SlackBlockKit.Message(message);
        body["response_type"] = "ephemeral";
        body["replace_original"] = replace;
        await slack.PostToResponseUrlAsync(responseUrl, body, cancellationToken);
        return true;
    }

    private static JsonObject InThread(JsonObject body, SlackOrigin origin)
    {
        if (origin.ThreadTs is { Length: > 0 } thread)
        {
            body["thread_ts"] = thread;
        }

        return body;
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
        ChatReply.Refuse refuse => (new JsonObject { ["response_action"] = "clear" }, refuse.Message),
        ChatReply.Replace replace => (new JsonObject { ["response_action"] = "clear" }, replace.Message),
        _ => (null, null),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Modal {ViewId} changed before this click's update reached it; left as it is")]
    private partial void LogViewMoved(string viewId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not answer privately in {Channel} ({Error}); answering by direct message instead")]
    private partial void LogEphemeralFailed(string channel, string error);
}
