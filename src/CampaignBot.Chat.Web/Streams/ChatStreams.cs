using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace CampaignBot.Chat.Web.Streams;

/// <summary>
/// Every person's stream in this process, by person id. Event ids carry this process's epoch as well as the
/// sequence ("3f9a1c2e.17"): after a restart the streams begin again at 1, and a page still holding an id of the old
/// process must start afresh rather than wait for numbers it has already seen.
/// </summary>
public sealed class ChatStreams
{
    private readonly ConcurrentDictionary<string, PersonStream> _streams = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _greeted = new(StringComparer.OrdinalIgnoreCase);
    private long _messages;

    public string Epoch { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    public PersonStream For(string personId) => _streams.GetOrAdd(personId, _ => new PersonStream());

    /// <summary>
    /// True the first time for each person in this process: their first sign-in is greeted with what they can do,
    /// even when notices reached their stream before it.
    /// </summary>
    public bool FirstVisit(string personId) => _greeted.TryAdd(personId, true);

    /// <summary>A new element id for a message or form; unique in this process, shared by every copy of one notice.</summary>
    public string NewMessageId() => "m" + Interlocked.Increment(ref _messages).ToString(CultureInfo.InvariantCulture);

    public string EventId(long sequence) => $"{Epoch}.{sequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The sequence a page last read, from its Last-Event-ID; 0 (everything kept) for none, a malformed id or
    /// another process's id.
    /// </summary>
    public long LastRead(string? lastEventId) =>
        lastEventId is { Length: > 0 } id && id.Split('.') is [var epoch, var number] && epoch == Epoch
            && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : 0;

    /// <summary>Whether the page's id belongs to another process (or is unreadable): its conversation is stale and is rebuilt.</summary>
    public bool IsForeign(string? lastEventId) => lastEventId is { Length: > 0 } && LastRead(lastEventId) == 0 && lastEventId != EventId(0);
}
