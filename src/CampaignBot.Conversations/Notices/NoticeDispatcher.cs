namespace CampaignBot.Conversations.Notices;

/// <summary>
/// Carries out planned notice steps in every configured channel through its messenger, remembering what each
/// posted. Each copy is independent: a closed private chat or a deleted message is logged, and the other copies
/// and channels still get the notice.
/// </summary>
public sealed partial class NoticeDispatcher(IEnumerable<IChannelMessenger> messengers, PostedMessages posted, ILogger<NoticeDispatcher> logger)
{
    public async Task DispatchAsync(IReadOnlyList<NoticeStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var messenger in messengers.Where(m => m.IsConfigured))
        {
            foreach (var step in steps)
            {
                await RunAsync(messenger, step, cancellationToken);
            }
        }
    }

    private async Task RunAsync(IChannelMessenger messenger, NoticeStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case NoticeStep.Post post:
                posted.Replace(messenger.Channel, post.Thread, await PostAllAsync(messenger, post.Places, post.Message, cancellationToken));
                break;
            case NoticeStep.Show show when posted.For(messenger.Channel, show.Thread) is { Count: 0 }:
                posted.Replace(messenger.Channel, show.Thread, await PostAllAsync(messenger, show.Places, show.Message, cancellationToken));
                break;
            case NoticeStep.Show show:
                await UpdateAllAsync(messenger, show.Thread, show.Message, cancellationToken);
                break;
            case NoticeStep.Update update:
                await UpdateAllAsync(messenger, update.Thread, update.Message, cancellationToken);
                break;
            case NoticeStep.Reply reply when posted.For(messenger.Channel, reply.Thread) is [var first, ..]:
                await TryAsync(messenger, "reply in", first.Conversation,
                    () => messenger.ReplyAsync(first, reply.Message, reply.Mention, reply.Broadcast, reply.Followers, cancellationToken));
                break;
            case NoticeStep.Tell tell:
                await TryAsync(messenger, "tell", tell.PersonId, () => messenger.TellAsync(tell.PersonId, tell.Message, cancellationToken));
                break;
        }
    }

    private async Task<List<PostedMessage>> PostAllAsync(
        IChannelMessenger messenger, IReadOnlyList<NoticePlace> places, Messages.ChatMessage message, CancellationToken cancellationToken)
    {
        var copies = new List<PostedMessage>();
        foreach (var place in places)
        {
            PostedMessage? copy = null;
            await TryAsync(messenger, "post to", Describe(place), async () => copy = await messenger.PostAsync(place, message, cancellationToken));
            if (copy is not null)
            {
                copies.Add(copy);
            }
        }

        return copies;
    }

    private async Task UpdateAllAsync(IChannelMessenger messenger, string thread, Messages.ChatMessage message, CancellationToken cancellationToken)
    {
        foreach (var copy in posted.For(messenger.Channel, thread))
        {
            await TryAsync(messenger, "update a message in", copy.Conversation, () => messenger.UpdateAsync(copy, message, cancellationToken));
        }
    }

    private async Task TryAsync(IChannelMessenger messenger, string what, string where, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(messenger.Channel, what, where, e.GetType().Name, e.Message);
        }
    }

    private static string Describe(NoticePlace place) => place switch
    {
        NoticePlace.Room room => $"the {room.Which.ToString().ToLowerInvariant()} room",
        NoticePlace.Person person => $"person {person.PersonId}",
        _ => "somewhere",
    };

    // Channel errors name an error code and the conversation id, never a token or a message's content.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Channel} could not {What} {Where}: {Error} {Detail}")]
    private partial void LogFailed(string channel, string what, string where, string error, string detail);
}
