using System.Text.Json.Nodes;
using CampaignBot.App.Users;
using CampaignBot.Chat.Teams.Activities;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Chat.Teams.References;
using CampaignBot.Chat.Teams.Replies;
using CampaignBot.Conversations;
using CampaignBot.Conversations.Inbound;
using Microsoft.Extensions.Hosting;

namespace CampaignBot.Chat.Teams.Endpoints;

/// <summary>How long a card click may take before it is answered "working on it" and finished later.</summary>
/// <param name="Budget">
/// Teams gives an invoke a few seconds, network included, before it tells the person the card failed; the answer
/// must be in the response, so work that is still running at the budget finishes after it and updates the card.
/// </param>
public sealed record TeamsInvokeTiming(TimeSpan Budget)
{
    public static TeamsInvokeTiming Default { get; } = new(TimeSpan.FromSeconds(4));
}

/// <summary>
/// Card clicks, form submits and refreshes (<c>adaptiveCard/action</c>) and type-ahead (<c>application/search</c>):
/// the answer goes in the HTTP response (T4), computed at once through the pipeline within <see cref="TeamsInvokeTiming"/>.
/// </summary>
public sealed partial class TeamsInvokes(
    InboundPipeline pipeline, RecentDeliveries deliveries, ChatCallers callers, TeamsCardViews views, TeamsInvokeAnswers answers,
    TeamsInvokeTiming timing, IHostApplicationLifetime lifetime, ILogger<TeamsInvokes> logger)
{
    public const string Duplicate = "CampaignBot already has this click and is acting on it once.";
    public const string NoView = "This card has changed since; close and reopen the chat to see it as it is now.";

    /// <summary>
    /// Card actions answered by the core at once. Approvals and rejections wait for their commit without a thread and share
    /// it (<c>AppDatabase.WriteGroupedAsync</c>): at 4, a burst of a hundred approvals committed in groups of at most four,
    /// and the fsyncs cost CPU as well as time; at 16 fewer, larger groups commit them (see teams-invoke in
    /// docs/benchmarks.md). Other card actions still write
    /// synchronously, holding a pool thread for their commit; 16 bounds how many threads a burst of those can hold.
    /// </summary>
    public const int Workers = 16;

    private readonly SemaphoreSlim _working = new(Workers);

    public async Task<JsonObject> AnswerAsync(TeamsCardAction action, TeamsOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(origin);
        if (action.Verb == ActableViews.RefreshVerb)
        {
            return await ViewAsync(action, origin, cancellationToken);
        }

        // A resent click (Teams retries after ~15 s without an answer) must not approve or retry twice.
        if (!deliveries.TryAccept(TeamsActivities.DeliveryKey(action)))
        {
            return TeamsInvokeResponse.Message(Duplicate);
        }

        InboundContent content = action switch
        {
            { Verb: CardActionData.SubmitVerb, Form: { } form } => new InboundContent.Submit(form),
            { Form: { } form } => new InboundContent.FormClick(action.Verb, action.Value ?? "", form),
            _ => new InboundContent.Click(action.Verb, action.Value ?? ""),
        };

        // Teams' limit is wall-clock time whatever the service's own clock says, and it runs from the request's arrival:
        // the budget starts before the work does, and the work runs off the request's thread (see AnswerInTurnAsync).
        var budget = Task.Delay(timing.Budget, cancellationToken);
        var inbound = TeamsActivities.Inbound(action, content);
        var pending = Task.Run(() => AnswerInTurnAsync(inbound), CancellationToken.None);
        await Task.WhenAny(pending, budget);
        InvokeAnswer answer;
        if (pending.IsCompletedSuccessfully)
        {
            answer = answers.For(pending.Result, origin, action.Form);
        }
        else if (pending.IsFaulted)
        {
            LogFailed(pending.Exception!.GetBaseException(), action.Verb);
            return TeamsInvokeResponse.Error(500, "InternalServerError", "Something went wrong on our side and nothing was changed. Please try again.");
        }
        else
        {
            LogLate(action.Verb, timing.Budget.TotalSeconds);
            answer = answers.Later(pending, origin);
        }

        if (answer.FollowUp is { } followUp && !pipeline.QueueFollowUp(followUp))
        {
            LogFollowUpDropped(action.Verb);
        }

        return answer.Body;
    }

    /// <summary>
    /// The core's answer, with at most <see cref="Workers"/> card actions inside it at once. Its storage is synchronous:
    /// a decision holds its thread while it waits for the LiteDB write lock and the disk. A burst of clicks let in
    /// together blocked every pool thread that way, so Kestrel, the budget's timer and the connector calls all waited
    /// for threads, and answers came seconds past Teams' limit. The others wait their turn here without a thread. Not
    /// the request's token: work that outlives the budget still finishes, and its answer updates the card.
    /// </summary>
    private async Task<ChatReply> AnswerInTurnAsync(InboundMessage inbound)
    {
        var stopping = lifetime.ApplicationStopping;
        await _working.WaitAsync(stopping);
        try
        {
            return await pipeline.AnswerNowAsync(inbound, stopping);
        }
        finally
        {
            _working.Release();
        }
    }

    public async Task<JsonObject> SearchAsync(TeamsSearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matches = await pipeline.SearchAsync(
            ChatChannels.Teams, TeamsConversations.PersonKey(query.From), query.Conversation.Id, query.Dataset, query.QueryText, cancellationToken);
        return TeamsInvokeResponse.SearchResults(matches.Skip(query.Skip).Take(query.Top));
    }

    /// <summary>A refresh: the person's own view of a card only some may act on (T4 user-specific views).</summary>
    private async Task<JsonObject> ViewAsync(TeamsCardAction action, TeamsOrigin origin, CancellationToken cancellationToken)
    {
        var caller = callers.Known(ChatChannels.Teams, origin.PersonKey, origin.ConversationId)
            ?? await callers.ForAsync(ChatChannels.Teams, origin.PersonKey, origin.ConversationId, cancellationToken);
        var card = origin.ReplyToId is { } cardId ? views.For(origin.ConversationId, cardId, caller.Actor?.Person.Id) : null;

        // An error leaves the card as it is, which for a card not kept here is the latest one posted.
        return card is null ? TeamsInvokeResponse.Error(404, "NotFound", NoView) : TeamsInvokeResponse.Card(card);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams card action {Verb} failed")]
    private partial void LogFailed(Exception error, string verb);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams card action {Verb} took more than {Seconds} s; answered 'working on it' and finishing it after")]
    private partial void LogLate(string verb, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The work queue is full: the follow-up of Teams card action {Verb} was not sent")]
    private partial void LogFollowUpDropped(string verb);
}
