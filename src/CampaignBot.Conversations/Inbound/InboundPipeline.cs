using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Inbound;

/// <summary>
/// The one inbound sequence every channel uses once it has verified and parsed a request: drop a redelivery,
/// queue the work in its lane, find who the person is, ask the conversation core, and hand the reply back to the
/// channel to send. Channels acknowledge the request as soon as <see cref="Accept"/> returns.
/// </summary>
public sealed class InboundPipeline(Conversation conversation, ChatCallers callers, RecentDeliveries deliveries, ConversationWork work)
{
    /// <summary>
    /// Takes <paramref name="message"/> to answer later through <paramref name="answer"/>. An answer that opens a
    /// form goes in the form lane; when opening it depends on a short-lived <paramref name="grant"/> from the channel,
    /// work that waited past the grant's life runs the grant's <see cref="FormGrant.Expired"/> instead.
    /// </summary>
    public InboundAcceptance Accept(InboundMessage message, Func<ChatReply, CancellationToken, Task> answer, FormGrant? grant = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(answer);
        if (message.DeliveryKey is { } key && !deliveries.TryAccept(key, message.SecondDeliveryKey))
        {
            return InboundAcceptance.Duplicate;
        }

        async Task RunAsync(CancellationToken cancellationToken) =>
            await answer(await AnswerAsync(message, cancellationToken), cancellationToken);

        var queued = AnswersWithForm(message.Content)
            ? work.TryEnqueueForm(RunAsync, grant?.Expired, grant?.Life ?? TimeSpan.Zero)
            : work.TryEnqueue(RunAsync);
        return queued ? InboundAcceptance.Queued : InboundAcceptance.Busy;
    }

    /// <summary>
    /// Answers at once, for channels that must put the answer in the response itself (a form submission, a card
    /// click that replaces the card); <paramref name="cancellationToken"/> carries the channel's time limit.
    /// </summary>
    public async Task<ChatReply> AnswerNowAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var caller = callers.Known(message.Channel, message.UserId, message.Conversation)
            ?? await callers.ForAsync(message.Channel, message.UserId, message.Conversation, cancellationToken);
        return await AnswerAsync(caller, message.Content, cancellationToken);
    }

    /// <summary>Type-ahead matches for a long choice list, as the person types.</summary>
    public async Task<IReadOnlyList<Choice>> SearchAsync(
        string channel, string userId, string conversationId, string source, string query, CancellationToken cancellationToken)
    {
        var caller = callers.Known(channel, userId, conversationId) ?? await callers.ForAsync(channel, userId, conversationId, cancellationToken);
        return conversation.Search(caller, source, query);
    }

    /// <summary>
    /// Queues a channel's follow-up send (a private message after a form closed), so the request that caused it is
    /// answered first; false when the queue is full.
    /// </summary>
    public bool QueueFollowUp(Func<CancellationToken, Task> send) => work.TryEnqueue(send);

    /// <summary>Work queued or running; zero once everything accepted so far is answered.</summary>
    public int Pending => work.Pending;

    private async Task<ChatReply> AnswerAsync(InboundMessage message, CancellationToken cancellationToken) =>
        await AnswerAsync(await callers.ForAsync(message.Channel, message.UserId, message.Conversation, cancellationToken), message.Content, cancellationToken);

    private Task<ChatReply> AnswerAsync(ChatCaller caller, InboundContent content, CancellationToken cancellationToken) => content switch
    {
        InboundContent.Text text => conversation.CommandAsync(caller, text.Typed, cancellationToken),
        InboundContent.Click click => conversation.ActionAsync(caller, click.ActionId, click.Value, cancellationToken),
        InboundContent.FormClick click => conversation.FormActionAsync(caller, click.ActionId, click.Value, click.Form, cancellationToken),
        InboundContent.Submit submit => conversation.SubmitAsync(caller, submit.Form, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(content), content, "Not an inbound content kind."),
    };

    private bool AnswersWithForm(InboundContent content) => content switch
    {
        InboundContent.Text text => conversation.CommandAnswersWithForm(text.Typed),
        InboundContent.Click click => conversation.ActionAnswersWithForm(click.ActionId),
        InboundContent.FormClick click => conversation.ActionAnswersWithForm(click.ActionId),
        _ => false,
    };
}

/// <summary>A channel's short-lived permission to open a form, and what to do instead once it has lapsed.</summary>
/// <param name="Life">How long after the request arrived the form may still be opened.</param>
/// <param name="Expired">Runs instead of the answer when the work starts too late (a private "click again").</param>
public sealed record FormGrant(TimeSpan Life, Func<CancellationToken, Task> Expired);
