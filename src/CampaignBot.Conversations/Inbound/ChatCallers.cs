using System.Collections.Concurrent;
using CampaignBot.App.Application;
using CampaignBot.App.Users;
using CampaignBot.Core.People;

namespace CampaignBot.Conversations.Inbound;

/// <summary>
/// Who wrote, by (channel, the channel's user id): first the identities the user directory lists for that channel,
/// then the email the channel's own directory knows for them (when it can tell) matched to a person's Email.
/// Unknown people may read help, nothing else.
/// </summary>
public sealed class ChatCallers(UserDirectory people, IEnumerable<IChannelDirectory> directories, IEnumerable<ChannelStyle> styles, TimeProvider clock)
{
    // Email matches are cached so a busy person does not cost a profile lookup per click; a miss is retried sooner.
    private static readonly TimeSpan KnownFor = TimeSpan.FromHours(1);
    private static readonly TimeSpan UnknownFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<(string Channel, string UserId), (Person? Person, DateTimeOffset Until)> _byEmail = new();
    private readonly Dictionary<string, IChannelDirectory> _directories = directories.ToDictionary(d => d.Channel, StringComparer.Ordinal);
    private readonly Dictionary<string, ChannelStyle> _styles = styles.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    public async Task<ChatCaller> ForAsync(string channel, string userId, string conversation, CancellationToken cancellationToken)
    {
        if (Known(channel, userId, conversation) is { } known)
        {
            return known;
        }

        Person? person = null;
        if (_directories.TryGetValue(channel, out var directory) && await directory.EmailOfAsync(userId, cancellationToken) is { Length: > 0 } email)
        {
            person = people.ByEmail(email);
        }

        _byEmail[(channel, userId)] = (person, clock.GetUtcNow() + (person is null ? UnknownFor : KnownFor));
        return Caller(person, channel, userId, conversation);
    }

    /// <summary>Without asking the channel: for answers that must be given at once (a form submission, a type-ahead).</summary>
    public ChatCaller? Known(string channel, string userId, string conversation)
    {
        if (people.ByChannelUser(channel, userId) is { } listed)
        {
            return Caller(listed, channel, userId, conversation);
        }

        return _byEmail.TryGetValue((channel, userId), out var cached) && cached.Until > clock.GetUtcNow()
            ? Caller(cached.Person, channel, userId, conversation)
            : null;
    }

    private ChatCaller Caller(Person? person, string channel, string userId, string conversation) =>
        new(person is null ? null : new Actor(person, channel), channel, userId, conversation) { Style = _styles.GetValueOrDefault(channel) ?? ChannelStyle.Plain(channel) };
}
