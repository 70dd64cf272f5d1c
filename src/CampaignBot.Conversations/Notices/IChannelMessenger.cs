using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Notices;

/// <summary>One message a channel posted: where, and the channel's id for it, so it can be updated or replied to.</summary>
public sealed record PostedMessage(string Conversation, string MessageId);

/// <summary>
/// A channel's way to send notices: post, update, reply and tell privately, each with the channel's own calls and
/// its own ids. Rooms and people are resolved by the channel (its settings name its rooms; the user directory
/// holds each person's id there). Every call may fail with the channel's own exception; the dispatcher logs it and
/// carries on with the other copies and channels.
/// </summary>
public interface IChannelMessenger
{
    string Channel { get; }

    /// <summary>False until the channel is set up; notices skip it.</summary>
    bool IsConfigured { get; }

    /// <summary>The posted copy, or null when the place does not exist here (no room set up, a person without an id on this channel).</summary>
    Task<PostedMessage?> PostAsync(NoticePlace place, ChatMessage message, CancellationToken cancellationToken);

    Task UpdateAsync(PostedMessage posted, ChatMessage message, CancellationToken cancellationToken);

    /// <param name="mention">Person ids to mention, in the channel's way; people without an id on this channel are left out.</param>
    Task ReplyAsync(PostedMessage parent, ChatMessage message, IReadOnlyList<string> mention, bool broadcast, CancellationToken cancellationToken);

    /// <summary>
    /// A reply that <paramref name="followers"/> (person ids) should hear even when they do not read the parent's room.
    /// Channels with rooms people can read leave followers to the room, as here.
    /// </summary>
    Task ReplyAsync(
        PostedMessage parent, ChatMessage message, IReadOnlyList<string> mention, bool broadcast, IReadOnlyList<string> followers, CancellationToken cancellationToken) =>
        ReplyAsync(parent, message, mention, broadcast, cancellationToken);

    /// <summary>False when the person has no id on this channel.</summary>
    Task<bool> TellAsync(string personId, ChatMessage message, CancellationToken cancellationToken);
}
