using CampaignBot.Chat.Teams.Activities;
using CampaignBot.Chat.Teams.References;

namespace CampaignBot.Chat.Teams.Replies;

/// <summary>Where an activity came from, so its answer goes back there: the conversation, the bot's account in it and who wrote.</summary>
/// <param name="ActivityId">The person's message (answers reply to it); null for events such as an install.</param>
/// <param name="ReplyToId">For a card action: the message the card is on, which an update replaces.</param>
public sealed record TeamsOrigin(
    string ServiceUrl, string ConversationId, string? ConversationType, string? TenantId, TeamsAccount Bot, TeamsAccount User, string? ActivityId, string? ReplyToId)
{
    /// <summary>The person's 1:1 chat with the bot: private, so refusals and forms are answered in place.</summary>
    public bool IsPersonal => ConversationType == "personal";

    public string PersonKey => TeamsConversations.PersonKey(User);

    public static TeamsOrigin Of(TeamsActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new TeamsOrigin(
            activity.ServiceUrl, activity.Conversation.Id, activity.Conversation.ConversationType, activity.TenantId, activity.Recipient, activity.From,
            activity.Id, activity.ReplyToId);
    }
}
