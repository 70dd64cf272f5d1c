using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.References;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Replies;

/// <summary>
/// Sending into Teams conversations through the Bot Connector: a new message, a reply under a message (in a channel,
/// in its thread), and a person's personal chat with the bot, created once and stored (T3).
/// </summary>
public sealed partial class TeamsChats(BotConnectorClient connector, TeamsConversations references, ILogger<TeamsChats> logger)
{
    /// <summary>A message as one card attachment: the Playground and Teams both keep one id for it, which updates need.</summary>
    public static JsonObject Card(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return OutboundActivity.Card(AdaptiveCardRenderer.Message(message), message.Summary);
    }

    public static JsonObject Card(ChatForm form, JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(form);
        return OutboundActivity.Card(card, form.Title);
    }

    /// <summary>A Teams channel has threads; chats (personal and group) do not.</summary>
    public static bool IsChannel(string conversationId, string? conversationType) =>
        conversationType == "channel"
        || TeamsConversations.BaseId(conversationId).EndsWith("@thread.tacv2", StringComparison.OrdinalIgnoreCase)
        || TeamsConversations.BaseId(conversationId).EndsWith("@thread.skype", StringComparison.OrdinalIgnoreCase);

    /// <summary>A channel thread is a conversation of its own: the channel's id with the thread's first message ("…;messageid=…").</summary>
    public static string Thread(string conversationId, string rootActivityId) =>
        conversationId.Contains(";messageid=", StringComparison.OrdinalIgnoreCase) ? conversationId : $"{conversationId};messageid={rootActivityId}";

    public Task<SentActivity> PostAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken cancellationToken) =>
        connector.SendAsync(serviceUrl, conversationId, activity, cancellationToken);

    /// <summary>
    /// Under <paramref name="parentId"/>: in a channel, posted into its thread (the reply route would start a new post
    /// there); in a chat, a reply to it.
    /// </summary>
    public Task<SentActivity> ReplyAsync(string serviceUrl, string conversationId, string? conversationType, string parentId, JsonObject activity, CancellationToken cancellationToken) =>
        IsChannel(conversationId, conversationType)
            ? connector.SendAsync(serviceUrl, Thread(conversationId, parentId), activity, cancellationToken)
            : connector.ReplyAsync(serviceUrl, conversationId, parentId, activity, cancellationToken);

    public Task<SentActivity> UpdateAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken cancellationToken) =>
        connector.UpdateAsync(serviceUrl, conversationId, activityId, activity, cancellationToken);

    /// <summary>
    /// The person's personal chat with the bot: the one they wrote in, or one created with their Teams id (the app must
    /// be installed for them or in a team they are in). Null when the bot cannot reach them privately.
    /// </summary>
    public async Task<string?> PersonalChatAsync(TeamsMemberRecord member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.PersonalConversationId is { Length: > 0 } known)
        {
            return known;
        }

        if (member.TenantId is not { Length: > 0 } tenant)
        {
            LogNoTenant(member.Id);
            return null;
        }

        var created = await connector.CreateConversationAsync(member.ServiceUrl, new NewPersonalConversation(member.BotId, member.MemberId, tenant), cancellationToken);
        references.RememberPersonalChat(member, created.Id);
        return created.Id;
    }

    /// <summary>A message to one person in their personal chat; false when they cannot be reached there.</summary>
    public async Task<bool> TellAsync(TeamsMemberRecord member, JsonObject activity, CancellationToken cancellationToken)
    {
        if (await PersonalChatAsync(member, cancellationToken) is not { } chat)
        {
            return false;
        }

        await connector.SendAsync(member.ServiceUrl, chat, activity, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot open a personal chat with Teams user {PersonKey}: no tenant is known for them")]
    private partial void LogNoTenant(string personKey);
}
