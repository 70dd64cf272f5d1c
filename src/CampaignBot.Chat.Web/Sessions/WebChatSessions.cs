using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CampaignBot.Chat.Web.Sessions;

/// <summary>
/// Signed-in web chat sessions, held in this process. The browser holds only a random session token in an HttpOnly
/// cookie; the API key someone signed in with is checked once and never stored, and the token itself is kept here
/// only as a SHA-256 digest. A restart signs everyone out, as it also empties the conversation streams.
/// </summary>
public sealed class WebChatSessions(TimeProvider clock)
{
    public const string CookieName = "campaignbot-chat";

    /// <summary>A working day and then some; after that the person signs in again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>Sessions kept per person: a few browsers and tabs; signing in again past it ends the oldest.</summary>
    public const int PerPerson = 20;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Starts a session for <paramref name="personId"/> and returns the token for the cookie.</summary>
    public string Start(string personId)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        Sweep();
        var theirs = _sessions.Where(s => string.Equals(s.Value.PersonId, personId, StringComparison.OrdinalIgnoreCase)).OrderBy(s => s.Value.Expires).ToList();
        foreach (var oldest in theirs.Take(Math.Max(0, theirs.Count - PerPerson + 1)))
        {
            _sessions.TryRemove(oldest.Key, out _);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[Digest(token)] = new Session(personId, clock.GetUtcNow() + Lifetime);
        return token;
    }

    /// <summary>The person id of a live session; null for no token, an unknown one or an expired one.</summary>
    public string? PersonOf(string? token)
    {
        if (token is not { Length: > 0 } || !_sessions.TryGetValue(Digest(token), out var session))
        {
            return null;
        }

        return session.Expires > clock.GetUtcNow() ? session.PersonId : null;
    }

    public void End(string? token)
    {
        if (token is { Length: > 0 })
        {
            _sessions.TryRemove(Digest(token), out _);
        }
    }

    /// <summary>The people with a live session: the web chat's rooms are made of them.</summary>
    public IReadOnlySet<string> SignedIn()
    {
        var now = clock.GetUtcNow();
        return _sessions.Values.Where(s => s.Expires > now).Select(s => s.PersonId).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var expired in _sessions.Where(s => s.Value.Expires <= now))
        {
            _sessions.TryRemove(expired.Key, out _);
        }
    }

    private static string Digest(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record Session(string PersonId, DateTimeOffset Expires);
}
