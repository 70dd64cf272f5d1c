using CampaignBot.Conversations.Messages;

namespace CampaignBot.Conversations.Notices;

/// <summary>A room each channel names in its own settings, where notices for a group of people go.</summary>
public enum NoticeRoom
{
    /// <summary>Where approvers see approval requests.</summary>
    Approvals,

    /// <summary>Where on-call staff see delivery alerts.</summary>
    Alerts,
}

/// <summary>Where one copy of a notice goes: a room, or one person privately.</summary>
public abstract record NoticePlace
{
    private NoticePlace()
    {
    }

    public sealed record Room(NoticeRoom Which) : NoticePlace;

    public sealed record Person(string PersonId) : NoticePlace;
}

/// <summary>
/// What to do about one notice, as data: who hears it and which earlier message it updates. The planner decides
/// the steps; each channel's messenger carries them out in its own way. A thread names the messages that stand
/// for one thing ("approval:{campaign}", "alert:{id}") so later steps find and update them.
/// </summary>
public abstract record NoticeStep
{
    private NoticeStep()
    {
    }

    /// <summary>Posts a copy to each place and remembers them as the thread's copies, replacing copies remembered before.</summary>
    public sealed record Post(string Thread, IReadOnlyList<NoticePlace> Places, ChatMessage Message) : NoticeStep;

    /// <summary>Replaces every remembered copy of the thread with <see cref="Message"/>.</summary>
    public sealed record Update(string Thread, ChatMessage Message) : NoticeStep;

    /// <summary>Updates the thread's copies in place, or posts them to <see cref="Places"/> when there are none yet.</summary>
    public sealed record Show(string Thread, IReadOnlyList<NoticePlace> Places, ChatMessage Message) : NoticeStep;

    /// <summary>
    /// Replies under the thread's first copy (the room's), mentioning <see cref="Mention"/> (person ids);
    /// <see cref="Broadcast"/> also shows the reply in the room itself.
    /// </summary>
    public sealed record Reply(string Thread, ChatMessage Message, IReadOnlyList<string> Mention, bool Broadcast = false) : NoticeStep
    {
        /// <summary>
        /// Person ids who follow the thread though they may not read its room (a campaign's author hears its runs).
        /// Channels whose rooms people can scroll leave them to the room; a channel where each person reads only
        /// what reaches them (the web chat) tells them too.
        /// </summary>
        public IReadOnlyList<string> Followers { get; init; } = [];
    }

    /// <summary>A message to one person, privately.</summary>
    public sealed record Tell(string PersonId, ChatMessage Message) : NoticeStep;
}
