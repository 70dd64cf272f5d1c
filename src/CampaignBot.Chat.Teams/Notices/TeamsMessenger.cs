using System.Net;
using System.Text.Json.Nodes;
using CampaignBot.App.Users;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Chat.Teams.Connector;
using CampaignBot.Chat.Teams.References;
using CampaignBot.Chat.Teams.Replies;
using CampaignBot.Conversations.Messages;
using CampaignBot.Conversations.Notices;
using Microsoft.Extensions.Options;

namespace CampaignBot.Chat.Teams.Notices;

/// <summary>
/// Notices in Teams. The rooms are the conversations Teams:ApprovalsConversation and Teams:AlertsConversation, posted
/// to through the Bot Connector of a stored reference (the bot must be installed in that team or chat first); a person
/// is reached in their personal chat with the bot, found through the Entra object id the user directory lists; replies
/// go in the card's thread. A card only some may act on is posted as its shared view with a refresh for them (T4).
/// </summary>
public sealed partial class TeamsMessenger(
    IOptions<TeamsOptions> options, TeamsConversations references, TeamsCardViews views, TeamsChats chats, UserDirectory people, ILogger<TeamsMessenger> logger)
    : IChannelMessenger
{
    public string Channel => ChatChannels.Teams;

    public bool IsConfigured => options.Value.IsConfigured;

    public async Task<PostedMessage?> PostAsync(NoticePlace place, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (place)
        {
            case NoticePlace.Room room when RoomId(room.Which) is { } conversationId:
                if (references.ForRoom(conversationId, options.Value.TenantId) is not { } reference)
                {
                    LogRoomUnknown(room.Which, conversationId);
                    return null;
                }

                var card = RoomCard(message);
                var sent = await chats.PostAsync(reference.ServiceUrl, conversationId, Activity(card, message), cancellationToken);
                Keep(conversationId, sent.Id, message);
                return new PostedMessage(conversationId, sent.Id);
            case NoticePlace.Person person when MemberOf(person.PersonId) is { } member:
                if (await chats.PersonalChatAsync(member, cancellationToken) is not { } chat)
                {
                    return null;
                }

                var own = await chats.PostAsync(member.ServiceUrl, chat, Activity(PersonalCard(message, person.PersonId), message), cancellationToken);
                return new PostedMessage(chat, own.Id);
            default:
                return null;
        }
    }

    public async Task UpdateAsync(PostedMessage posted, ChatMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(message);
        var reference = ReferenceOf(posted.Conversation, "update");
        var card = reference.IsPersonal ? PersonalCard(message, PersonIn(reference)) : RoomCard(message);
        await chats.UpdateAsync(reference.ServiceUrl, posted.Conversation, posted.MessageId, Activity(card, message), cancellationToken);
        if (!reference.IsPersonal)
        {
            Keep(posted.Conversation, posted.MessageId, message);
        }
    }

    public async Task ReplyAsync(PostedMessage parent, ChatMessage message, IReadOnlyList<string> mention, bool broadcast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(mention);
        var reference = ReferenceOf(parent.Conversation, "reply");
        var activity = TeamsChats.Card(message);
        Mention(activity, mention);

        // A thread reply shows in the channel already; Teams has nothing like "also send to channel", so broadcast needs nothing more.
        await chats.ReplyAsync(reference.ServiceUrl, parent.Conversation, reference.ConversationType, parent.MessageId, activity, cancellationToken);
    }

    public async Task<bool> TellAsync(string personId, ChatMessage message, CancellationToken cancellationToken) =>
        MemberOf(personId) is { } member && await chats.TellAsync(member, TeamsChats.Card(message), cancellationToken);

    private string? RoomId(NoticeRoom room) => (room switch
    {
        NoticeRoom.Approvals => options.Value.ApprovalsConversation,
        NoticeRoom.Alerts => options.Value.AlertsConversation,
        _ => null,
    }) is { Length: > 0 } id ? id : null;

    private TeamsConversationRecord ReferenceOf(string conversationId, string operation) =>
        references.Find(conversationId) ?? references.ForRoom(conversationId, options.Value.TenantId)
        ?? throw new BotConnectorException(operation, "no_reference", $"the bot has no stored reference for conversation {conversationId}");

    /// <summary>A person known to the bot by the Entra object id the user directory lists for them.</summary>
    private TeamsMemberRecord? MemberOf(string personId) =>
        people.ChannelUserOf(ChatChannels.Teams, personId) is { } key ? references.Member(key) : null;

    private string? PersonIn(TeamsConversationRecord personalChat) =>
        (personalChat.UserAadObjectId ?? personalChat.UserId) is { } key ? people.ByChannelUser(ChatChannels.Teams, key)?.Id : null;

    /// <summary>In a room, a card only some may act on shows its buttons to them alone (refresh for their Teams ids).</summary>
    private JsonObject RoomCard(ChatMessage message) =>
        message.ActableBy.Count == 0
            ? AdaptiveCardRenderer.Message(message)
            : ActableViews.SharedCard(message, [.. message.ActableBy.Select(MemberOf).OfType<TeamsMemberRecord>().Select(m => m.MemberId)]);

    /// <summary>A personal chat is one person's: the full card when they may act, the shared view otherwise.</summary>
    private static JsonObject PersonalCard(ChatMessage message, string? personId) =>
        message.ActableBy.Count == 0 || (personId is not null && message.ActableBy.Contains(personId, StringComparer.OrdinalIgnoreCase))
            ? AdaptiveCardRenderer.Message(message with { ActableBy = [] })
            : AdaptiveCardRenderer.Message(ActableViews.Shared(message));

    /// <summary>Keeps both views of a room's card for refresh invokes; a card without per-person views needs none.</summary>
    private void Keep(string conversationId, string activityId, ChatMessage message)
    {
        if (activityId.Length == 0)
        {
            return;
        }

        if (message.ActableBy.Count == 0)
        {
            views.Forget(conversationId, activityId);
            return;
        }

        views.Save(conversationId, activityId, AdaptiveCardRenderer.Message(message with { ActableBy = [] }), RoomCard(message), message.ActableBy);
    }

    private static JsonObject Activity(JsonObject card, ChatMessage message) => OutboundActivity.Card(card, message.Summary);

    /// <summary>Mentions as Teams writes them: "&lt;at&gt;Name&lt;/at&gt;" in the text and a mention entity naming the person's id.</summary>
    private void Mention(JsonObject activity, IReadOnlyList<string> personIds)
    {
        var entities = new JsonArray();
        var texts = new List<string>();
        foreach (var personId in personIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var key = people.ChannelUserOf(ChatChannels.Teams, personId);
            var member = key is null ? null : references.Member(key);
            if ((member?.MemberId ?? key) is not { } id)
            {
                continue;
            }

            // Names come from the settings, but the text is Teams' HTML: written as text, never as markup.
            var at = $"<at>{WebUtility.HtmlEncode(people.ById(personId)?.Name ?? member?.Name ?? personId)}</at>";
            texts.Add(at);
            entities.Add(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = at,
                ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = people.ById(personId)?.Name ?? member?.Name ?? personId },
            });
        }

        if (texts.Count > 0)
        {
            activity["text"] = string.Join(' ', texts);
            activity["entities"] = entities;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot post to the Teams {Room} conversation {Conversation}: the bot has no stored reference. Add the app to that team or chat first, so it learns where to post.")]
    private partial void LogRoomUnknown(NoticeRoom room, string conversation);
}
