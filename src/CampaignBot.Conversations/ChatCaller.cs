using CampaignBot.App.Application;

namespace CampaignBot.Conversations;

/// <summary>
/// Who wrote, as the channel knows them, and who that is here. <see cref="Actor"/> is null for someone the
/// user directory does not list: they may read help, nothing else.
/// </summary>
/// <param name="ChannelUserId">The channel's own id for the person (Slack "U…"), for replies and mentions.</param>
/// <param name="Conversation">Where they wrote (a channel or DM id), so replies and follow-ups go back there.</param>
public sealed record ChatCaller(Actor? Actor, string Channel, string ChannelUserId, string Conversation);
