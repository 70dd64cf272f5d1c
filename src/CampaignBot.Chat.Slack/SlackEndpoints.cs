using System.Text.Json.Nodes;
using CampaignBot.Conversations;
using CampaignBot.Conversations.Messages;
using CampaignBot.Chat.Slack;

namespace CampaignBot.Chat.Slack;

/// <summary>
/// Slack's three request URLs. Each verifies the signature on the raw body, acknowledges at once and does
/// the work afterwards; only modal submissions are answered in the response, as Slack requires.
/// </summary>
public static class SlackEndpoints
{
    // A modal submission must be answered within Slack's 3 s, network included.
    private static readonly TimeSpan SubmissionBudget = TimeSpan.FromSeconds(2.5);

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder routes)
    {
        var slack = routes.MapGroup("/slack").ExcludeFromDescription().DisableAntiforgery();
        slack.MapPost("/commands", CommandAsync);
        slack.MapPost("/interactions", InteractionAsync);
        slack.MapPost("/events", EventAsync);
        return routes;
    }

    private static async Task<IResult> CommandAsync(HttpContext context, SlackInbound inbound, SlackWork work, SlackCallers callers, Conversation conversation, SlackReplies replies)
    {
        var (body, refusal) = await inbound.ReadAsync(context, allowSslCheck: true);
        if (refusal is not null)
        {
            return refusal;
        }

        var parsed = SlashCommand.Parse(body);
        if (parsed.Value is not { } command)
        {
            return TypedResults.Problem(parsed.Error, statusCode: StatusCodes.Status400BadRequest);
        }

        var origin = new SlackOrigin(command.UserId, command.ChannelId, command.ResponseUrl, command.TriggerId);
        async Task AnswerAsync(CancellationToken ct)
        {
            var caller = await callers.ForAsync(command.UserId, command.ChannelId, ct);
            await replies.SendAsync(await conversation.CommandAsync(caller, command.Text, ct), origin, ct);
        }

        return Enqueued(conversation.CommandAnswersWithForm(command.Text)
            ? work.TryEnqueueForm(AnswerAsync, ct => replies.TriggerExpiredAsync(origin, ct))
            : work.TryEnqueue(AnswerAsync));
    }

    private static async Task<IResult> InteractionAsync(
        HttpContext context, SlackInbound inbound, SlackReplayGuard replays, SlackWork work, SlackCallers callers, Conversation conversation, SlackReplies replies)
    {
        var (body, refusal) = await inbound.ReadAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }

        var parsed = SlackInteraction.Parse(body);
        if (parsed.Value is not { } interaction)
        {
            return TypedResults.Problem(parsed.Error, statusCode: StatusCodes.Status400BadRequest);
        }

        switch (interaction.Type)
        {
            case SlackInteractionType.BlockActions when interaction.Actions.Count > 0 && !replays.TryAccept(interaction, body):
                // The same click delivered again: it acted and answered once already.
                return TypedResults.Ok();
            case SlackInteractionType.BlockActions when interaction.Actions.Count > 0:
                var action = interaction.Actions[0];
                var inModal = interaction.View;
                var origin = new SlackOrigin(interaction.UserId, interaction.ChannelId, interaction.ResponseUrl, interaction.TriggerId)
                {
                    ViewId = inModal?.Id,
                    ViewHash = inModal?.Hash,
                };
                async Task AnswerAsync(CancellationToken ct)
                {
                    var caller = await callers.ForAsync(interaction.UserId, interaction.ChannelId, ct);
                    var reply = inModal is null
                        ? await conversation.ActionAsync(caller, action.ActionId, action.Value ?? "", ct)
                        : await conversation.FormActionAsync(caller, action.ActionId, action.Value ?? "", Submission(inModal), ct);
                    await replies.SendAsync(reply, origin, ct);
                }

                // A modal already open is updated by its id, which does not expire; only opening one needs the trigger.
                return Enqueued(conversation.ActionAnswersWithForm(action.ActionId)
                    ? work.TryEnqueueForm(AnswerAsync, inModal is null ? ct => replies.TriggerExpiredAsync(origin, ct) : null)
                    : work.TryEnqueue(AnswerAsync));
            case SlackInteractionType.ViewSubmission when interaction.View is { } view:
                return await SubmitAsync(interaction, view, work, callers, conversation, replies, context.RequestAborted);
            case SlackInteractionType.BlockSuggestion:
                var searcher = callers.Known(interaction.UserId, interaction.ChannelId) ?? await callers.ForAsync(interaction.UserId, interaction.ChannelId, context.RequestAborted);
                var choices = conversation.Search(searcher, interaction.SuggestionActionId, interaction.SuggestionValue);
                return TypedResults.Json(new JsonObject { ["options"] = new JsonArray([.. choices.Select(c => (JsonNode)SlackBlockKit.Option(c))]) });
            default:
                return TypedResults.Ok();
        }
    }

    private static async Task<IResult> SubmitAsync(
        SlackInteraction interaction, SlackView view, SlackWork work, SlackCallers callers, Conversation conversation, SlackReplies replies, CancellationToken aborted)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(SubmissionBudget);
        var caller = callers.Known(interaction.UserId, interaction.ChannelId) ?? await callers.ForAsync(interaction.UserId, interaction.ChannelId, budget.Token);
        var (answer, followUp) = SlackReplies.ForSubmission(await conversation.SubmitAsync(caller, Submission(view), budget.Token));
        if (followUp is not null)
        {
            work.TryEnqueue(ct => replies.DirectAsync(interaction.UserId, followUp, ct));
        }

        return answer is null ? TypedResults.Ok() : TypedResults.Json(answer);
    }

    private static async Task<IResult> EventAsync(HttpContext context, SlackInbound inbound, SlackReplayGuard replays, SlackWork work, SlackCallers callers, Conversation conversation, SlackReplies replies)
    {
        var (body, refusal) = await inbound.ReadAsync(context);
        if (refusal is not null)
        {
            return refusal;
        }

        var parsed = SlackEventEnvelope.Parse(body);
        switch (parsed.Value)
        {
            case SlackUrlVerification verification:
                return TypedResults.Json(new JsonObject { ["challenge"] = verification.Challenge });
            case SlackEventCallback callback when IsForUs(callback.Event) && replays.TryAccept(callback):
                var message = callback.Event;
                var origin = OriginOf(message);
                return Enqueued(work.TryEnqueue(async ct =>
                {
                    var caller = await callers.ForAsync(message.User, message.Channel, ct);
                    await replies.SendAsync(await conversation.CommandAsync(caller, MentionText.Strip(message.Text), ct), origin, ct);
                }));
            case null:
                return TypedResults.Problem(parsed.Error, statusCode: StatusCodes.Status400BadRequest);
            default:
                // Duplicates, our own bot's messages and events we do not use are acknowledged and dropped.
                return TypedResults.Ok();
        }
    }

    /// <summary>
    /// A mention in a channel is answered in its thread, so the channel stays readable; a direct message is answered in
    /// the conversation itself, threaded only when the person wrote in a thread.
    /// </summary>
    private static SlackOrigin OriginOf(SlackEvent message)
    {
        var inDirectMessage = message.ChannelType == "im" || message.Channel.StartsWith('D');
        var thread = message.ThreadTs is { Length: > 0 } ts ? ts : inDirectMessage ? null : message.Ts;
        return new SlackOrigin(message.User, message.Channel, ThreadTs: thread) { InDirectMessage = inDirectMessage };
    }

    private static bool IsForUs(SlackEvent message) =>
        !message.IsFromBot && message.User.Length > 0 && (message.Type == "app_mention" || (message.Type == "message" && message.ChannelType == "im" && message.Subtype.Length == 0));

    private static FormSubmission Submission(SlackView view) => new(view.CallbackId, view.PrivateMetadata, FieldValues(view));

    private static Dictionary<string, IReadOnlyList<string>> FieldValues(SlackView view) =>
        view.Values.GroupBy(v => v.Key.Split('/')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.SelectMany(v => v.Value)], StringComparer.Ordinal);

    private static IResult Enqueued(bool accepted) => accepted
        ? TypedResults.Ok()
        : TypedResults.Json(new JsonObject { ["response_type"] = "ephemeral", ["text"] = "CampaignBot is very busy right now; please try again in a minute." });
}
