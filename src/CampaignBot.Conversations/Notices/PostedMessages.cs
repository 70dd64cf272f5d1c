using CampaignBot.App.Storage;
using LiteDB;

namespace CampaignBot.Conversations.Notices;

/// <summary>
/// The copies each channel posted for a thread (an approval card in the approvers' room and their private chats,
/// an alert card), kept so later notices update them in place and reply under the first.
/// </summary>
public sealed class PostedMessages(AppDatabase database)
{
    private ILiteCollection<PostedThread> Threads => database.Collection<PostedThread>("posted_messages");

    public IReadOnlyList<PostedMessage> For(string channel, string thread) =>
        Threads.FindById(Key(channel, thread))?.Copies.Select(c => new PostedMessage(c.Conversation, c.MessageId)).ToList() ?? [];

    /// <summary>Starts a new set of copies for the thread; copies remembered before are left as they were.</summary>
    public void Replace(string channel, string thread, IEnumerable<PostedMessage> copies) =>
        database.Write(() => Threads.Upsert(new PostedThread
        {
            Id = Key(channel, thread),
            Copies = [.. copies.Select(c => new PostedCopy { Conversation = c.Conversation, MessageId = c.MessageId })],
        }));

    private static string Key(string channel, string thread) => $"{channel}|{thread}";
}

public sealed class PostedThread
{
    public string Id { get; set; } = "";

    /// <summary>The first is the room's copy, whose thread carries replies.</summary>
    public List<PostedCopy> Copies { get; set; } = [];
}

public sealed class PostedCopy
{
    public string Conversation { get; set; } = "";

    public string MessageId { get; set; } = "";
}
