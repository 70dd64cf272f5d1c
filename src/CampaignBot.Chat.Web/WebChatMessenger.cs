using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CampaignBot.App.Users;
using CampaignBot.Chat.Web.Rendering;
using CampaignBot.Chat.Web.Sessions;
using CampaignBot.Chat.Web.Streams;
using CampaignBot.Conversations.Messages;
using CampaignBot.Conversations.Notices;
using CampaignBot.Core.People;

namespace CampaignBot.Chat.Web;

/// <summary>
/// Notices in the web chat, where each person reads only their own stream. The approvals room is every signed-in
/// person holding the approver role and the alerts room every signed-in person on call (admins hold both); a person
/// is their own stream, signed in or not (it waits for them). Every copy of one notice shares one element id, so an
/// update replaces the card in place for each person who got it, and replies reach those people, anyone mentioned
/// and the thread's followers.
/// </summary>
public sealed class WebChatMessenger(ChatStreams streams, WebChatSessions sessions, UserDirectory people, WebChatAvailability availability) : IChannelMessenger
{
    /// <summary>Notices remembered for updates and replies; older ones are left as they were shown.</summary>
    public const int Remembered = 10_000;

    private readonly ConcurrentDictionary<string, Copy> _copies = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    // Who already has each notice: one notice goes to the room and to each approver privately, and here the room and
    // the private chat are the same stream, so each person gets one card.
    private readonly ConditionalWeakTable<ChatMessage, HashSet<string>> _holders = new();

    public string Channel => ChatChannels.Web;

    public bool IsConfigured => availability.IsOpen;

    public Task<PostedMessage?> PostAsync(NoticePlace place, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (conversation, audience, context) = place switch
        {
            NoticePlace.Room { Which: NoticeRoom.Approvals } => ("room:approvals", Room(Role.Approver), "Approvals"),
            NoticePlace.Room { Which: NoticeRoom.Alerts } => ("room:alerts", Room(Role.OnCall), "Alerts"),
            NoticePlace.Person { PersonId: var personId } when people.ById(personId) is { } person => ($"person:{person.Id}", [person.Id], "For you"),
            _ => ("", (IReadOnlyList<string>)[], ""),
        };
        if (conversation.Length == 0)
        {
            return Task.FromResult<PostedMessage?>(null);
        }

        var holders = _holders.GetOrCreateValue(message);
        List<string> recipients;
        lock (holders)
        {
            recipients = [.. audience.Where(holders.Add)];
        }

        // A room copy is kept even when nobody is signed in, so later replies still reach the thread's followers.
        if (recipients.Count == 0 && place is NoticePlace.Person)
        {
            return Task.FromResult<PostedMessage?>(null);
        }

        var id = streams.NewMessageId();
        Deliver(recipients, new StreamItem(StreamItem.Append, id, "message", ChatHtml.Message(id, message, context), $"{context}: {message.Summary}"));
        Remember(id, new Copy(recipients, message.Summary, context));
        return Task.FromResult<PostedMessage?>(new PostedMessage(conversation, id));
    }

    public Task UpdateAsync(PostedMessage posted, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(message);
        if (_copies.TryGetValue(posted.MessageId, out var copy))
        {
            _copies[posted.MessageId] = copy with { Summary = message.Summary };
            Deliver(copy.Recipients, new StreamItem(
                StreamItem.Replace, posted.MessageId, "message", ChatHtml.Message(posted.MessageId, message, copy.Context), $"Updated: {message.Summary}"));
        }

        return Task.CompletedTask;
    }

    public Task ReplyAsync(PostedMessage parent, ChatMessage message, IReadOnlyList<string> mention, bool broadcast, CancellationToken cancellationToken) =>
        ReplyAsync(parent, message, mention, broadcast, [], cancellationToken);

    public Task ReplyAsync(
        PostedMessage parent, ChatMessage message, IReadOnlyList<string> mention, bool broadcast, IReadOnlyList<string> followers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(mention);
        ArgumentNullException.ThrowIfNull(followers);
        var copy = _copies.GetValueOrDefault(parent.MessageId);

        // Mentioning someone here means telling them: there is no shared room they could read it in.
        var recipients = (copy?.Recipients ?? []).Concat(mention).Concat(followers)
            .Select(p => people.ById(p)?.Id).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var id = streams.NewMessageId();
        var context = copy is null ? "Reply" : $"Reply to: {copy.Summary}";
        Deliver(recipients, new StreamItem(StreamItem.Append, id, "message", ChatHtml.Message(id, message, context), message.Summary));
        return Task.CompletedTask;
    }

    public Task<bool> TellAsync(string personId, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (people.ById(personId) is not { } person)
        {
            return Task.FromResult(false);
        }

        var id = streams.NewMessageId();
        Deliver([person.Id], new StreamItem(StreamItem.Append, id, "message", ChatHtml.Message(id, message, "For you"), message.Summary));
        return Task.FromResult(true);
    }

    // A room is everyone signed in who holds its role, as a Slack or Teams channel holds the approvers or on-call staff.
    private IReadOnlyList<string> Room(Role role) =>
        [.. sessions.SignedIn().Select(people.ById).OfType<Person>().Where(p => Permissions.Holds(p, role)).Select(p => p.Id)];

    private void Deliver(IEnumerable<string> recipients, StreamItem item)
    {
        foreach (var person in recipients)
        {
            streams.For(person).Add(item);
        }
    }

    private void Remember(string id, Copy copy)
    {
        _copies[id] = copy;
        _order.Enqueue(id);
        while (_order.Count > Remembered && _order.TryDequeue(out var oldest))
        {
            _copies.TryRemove(oldest, out _);
        }
    }

    private sealed record Copy(IReadOnlyList<string> Recipients, string Summary, string Context);
}
