using System.Text.Json.Nodes;
using CampaignBot.App.Users;
using CampaignBot.Conversations.Inbound;
using CampaignBot.Conversations.Messages;
using CampaignBot.Chat.Slack.Protocol;
using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Chat.Slack;

/// <summary>
/// Slack's three request URLs. Each verifies the signature on the raw body, parses it into the pipeline's neutral
/// inbound message and acknowledges at once; the answer goes back through <see cref="SlackReplies"/> afterwards.
/// Only modal submissions and type-ahead are answered in the response, as Slack requires.
/// </summary>
public static class SlackEndpoints
{
    // A modal submission must be answered within Slack's 3 s, network included.
    private static readonly TimeSpan SubmissionBudget = TimeSpan.FromSeconds(2.5);

    /// <summary>
    /// How long after its request arrived a form may still be opened. Slack's 3 s run from when it issued the trigger
    /// and include the network both ways (node-slack-sdk#1131), so the views.open call must start well inside them.
    /// </summary>
    public static readonly TimeSpan TriggerLife = TimeSpan.FromSeconds(2.5);

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder routes)
    {
        var slack = routes.MapGroup("/slack").ExcludeFromDescription().DisableAntiforgery();
        slack.MapPost("/commands", CommandAsync);
        slack.MapPost("/interactions", InteractionAsync);
        slack.MapPost("/events", EventAsync);
        return routes;
    }

    private static async Task<IResult> CommandAsync(HttpContext context, SlackInbound inbound, InboundPipeline pipeline, SlackReplies replies)
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
        var message = new InboundMessage(ChatChannels.Slack, command.UserId, command.ChannelId, new InboundContent.Text(command.Text));
        return Acknowledged(pipeline.Accept(message, (reply, ct) => replies.SendAsync(reply, origin, ct), Grant(origin, replies)));
    }

    private static async Task<IResult> InteractionAsync(HttpContext context, SlackInbound inbound, InboundPipeline pipeline, SlackReplies replies)
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
            case SlackInteractionType.BlockActions when interaction.Actions.Count > 0:
                var action = interaction.Actions[0];
                var inModal = interaction.View;
                var origin = new SlackOrigin(interaction.UserId, interaction.ChannelId, interaction.ResponseUrl, interaction.TriggerId)
                {
                    ViewId = inModal?.Id,
                    ViewHash = inModal?.Hash,
                };
                InboundContent content = inModal is null
                    ? new InboundContent.Click(action.ActionId, action.Value ?? "")
                    : new InboundContent.FormClick(action.ActionId, action.Value ?? "", Submission(inModal));
                var message = new InboundMessage(ChatChannels.Slack, interaction.UserId, interaction.ChannelId, content, SlackDeliveryKeys.Of(interaction, body));

                // A modal already open is updated by its id, which does not expire; only opening one needs the trigger.
                return Acknowledged(pipeline.Accept(message, (reply, ct) => replies.SendAsync(reply, origin, ct), inModal is null ? Grant(origin, replies) : null));
            case SlackInteractionType.ViewSubmission when interaction.View is { } view:
                return await SubmitAsync(interaction, view, pipeline, replies, context.RequestAborted);
            case SlackInteractionType.BlockSuggestion:
                var choices = await pipeline.SearchAsync(
                    ChatChannels.Slack, interaction.UserId, interaction.ChannelId, interaction.SuggestionActionId, interaction.SuggestionValue, context.RequestAborted);
                return TypedResults.Json(new JsonObject { ["options"] = new JsonArray([.. choices.Select(c => (JsonNode)SlackBlockKit.Option(c))]) });
            default:
                return TypedResults.Ok();
        }
    }

    private static async Task<IResult> SubmitAsync(SlackInteraction interaction, SlackView view, InboundPipeline pipeline, SlackReplies replies, CancellationToken aborted)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        budget.CancelAfter(SubmissionBudget);
        var message = new InboundMessage(ChatChannels.Slack, interaction.UserId, interaction.ChannelId, new InboundContent.Submit(Submission(view)));
        var (answer, followUp) = SlackReplies.ForSubmission(await pipeline.AnswerNowAsync(message, budget.Token));
        if (followUp is not null)
        {
            pipeline.QueueFollowUp(ct => replies.DirectAsync(interaction.UserId, followUp, ct));
        }

        return answer is null ? TypedResults.Ok() : TypedResults.Json(answer);
    }

    private static async Task<IResult> EventAsync(HttpContext context, SlackInbound inbound, InboundPipeline pipeline, SlackReplies replies)
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
            case SlackEventCallback callback when IsForUs(callback.Event):
                var posted = callback.Event;
                var origin = OriginOf(posted);
                var (key, second) = SlackDeliveryKeys.Of(callback);
                var message = new InboundMessage(ChatChannels.Slack, posted.User, posted.Channel, new InboundContent.Text(MentionText.Strip(posted.Text)), key)
                {
                    SecondDeliveryKey = second,
                };
                return Acknowledged(pipeline.Accept(message, (reply, ct) => replies.SendAsync(reply, origin, ct)));
            case null:
                return TypedResults.Problem(parsed.Error, statusCode: StatusCodes.Status400BadRequest);
            default:
                // Our own bot's messages and events we do not use are acknowledged and dropped.
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

    // A slash command or a message button carries a trigger_id that opens a form for 3 s; past that, say "click again".
    private static FormGrant? Grant(SlackOrigin origin, SlackReplies replies) =>
        origin.TriggerId is { Length: > 0 } ? new FormGrant(TriggerLife, ct => replies.TriggerExpiredAsync(origin, ct)) : null;

    private static bool IsForUs(SlackEvent message) =>
        !message.IsFromBot && message.User.Length > 0 && (message.Type == "app_mention" || (message.Type == "message" && message.ChannelType == "im" && message.Subtype.Length == 0));

    private static FormSubmission Submission(SlackView view) => new(view.CallbackId, view.PrivateMetadata, FieldValues(view));

    private static Dictionary<string, IReadOnlyList<string>> FieldValues(SlackView view) =>
        view.Values.GroupBy(v => v.Key.Split('/')[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.SelectMany(v => v.Value)], StringComparer.Ordinal);

    // A duplicate delivery acted and answered once already; a full queue is told to the person at once.
    private static IResult Acknowledged(InboundAcceptance acceptance) => acceptance == InboundAcceptance.Busy
        ? TypedResults.Json(new JsonObject { ["response_type"] = "ephemeral", ["text"] = "CampaignBot is very busy right now; please try again in a minute." })
        : TypedResults.Ok();
}
