using System.Collections.Concurrent;
using CampaignBot.App.Application;
using CampaignBot.Conversations;
using CampaignBot.App.Users;
using CampaignBot.Chat.Slack;
using CampaignBot.Core.People;

namespace CampaignBot.Chat.Slack;

/// <summary>
/// Who a Slack user is here: their Slack id in the user directory, else their Slack profile email (readable
/// only with the users:read.email scope) matched to a person. Unknown people may read help, nothing else.
/// </summary>
public sealed partial class SlackCallers(UserDirectory people, SlackWebApi slack, TimeProvider clock, ILogger<SlackCallers> logger)
{
    // Email matches are cached so a busy person does not cost a users.info call per click; a miss is retried sooner.
    private static readonly TimeSpan KnownFor = TimeSpan.FromHours(1);
    private static readonly TimeSpan UnknownFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (Person? Person, DateTimeOffset Until)> _byEmail = new(StringComparer.Ordinal);

    public async Task<ChatCaller> ForAsync(string userId, string conversation, CancellationToken cancellationToken)
    {
        if (Known(userId, conversation) is { } known)
        {
            return known;
        }

        Person? person = null;
        try
        {
            var user = await slack.GetUserAsync(userId, cancellationToken);
            person = user is { IsBot: false, Email: { Length: > 0 } email } ? people.ByEmail(email) : null;
        }
        catch (SlackApiException e)
        {
            LogLookupFailed(userId, e.Error);
        }

        _byEmail[userId] = (person, clock.GetUtcNow() + (person is null ? UnknownFor : KnownFor));
        return Caller(person, userId, conversation);
    }

    /// <summary>Without calling Slack: for answers that must be given within the 3-second window.</summary>
    public ChatCaller? Known(string userId, string conversation)
    {
        if (people.BySlackUser(userId) is { } listed)
        {
            return Caller(listed, userId, conversation);
        }

        return _byEmail.TryGetValue(userId, out var cached) && cached.Until > clock.GetUtcNow() ? Caller(cached.Person, userId, conversation) : null;
    }

    private static ChatCaller Caller(Person? person, string userId, string conversation) =>
        new(person is null ? null : new Actor(person, "slack"), "slack", userId, conversation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up Slack user {SlackUser}: {Error}")]
    private partial void LogLookupFailed(string slackUser, string error);
}
