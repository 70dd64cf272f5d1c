using CampaignBot.App.Application;
using CampaignBot.Conversations.Inbound;

namespace CampaignBot.Conversations;

/// <summary>
/// Who wrote, as the channel knows them, and who that is here. <see cref="Actor"/> is null for someone the
/// user directory does not list: they may read help, nothing else.
/// </summary>
/// <param name="ChannelUserId">The channel's own id for the person, for replies and mentions.</param>
/// <param name="Conversation">Where they wrote (a channel, chat or DM id), so replies and follow-ups go back there.</param>
public sealed record ChatCaller(Actor? Actor, string Channel, string ChannelUserId, string Conversation)
{
    /// <summary>How this channel words commands and set-up hints.</summary>
    public ChannelStyle Style { get; init; } = ChannelStyle.Plain(Channel);
}
