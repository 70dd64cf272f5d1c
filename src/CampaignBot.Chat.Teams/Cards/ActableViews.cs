using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Cards;

/// <summary>
/// A card whose buttons only some people may use (<see cref="ChatMessage.ActableBy"/>, e.g. approvers on an approval
/// card) is posted as its shared view, without buttons, with a <c>refresh</c> that makes Teams ask the bot for each
/// listed person's own view (T4 user-specific views); the bot answers the people who may act with the full card.
/// </summary>
public static class ActableViews
{
    /// <summary>The verb of the refresh action; its invoke asks for the clicker's view of the card.</summary>
    public const string RefreshVerb = "campaignbot.view";

    public const string SharedNote = "Only the people who can act on this see its buttons here.";

    /// <summary>What everyone sees: the message without its buttons and menus.</summary>
    public static ChatMessage Shared(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with
        {
            Blocks = [.. message.Blocks.Where(b => b is not ActionRow and not Picker), new Footnote(SharedNote)],
            ActableBy = [],
        };
    }

    /// <param name="refreshUserIds">Teams ids ("29:…") of the people who may act and whose ids the bot knows; Teams refreshes for at most 60.</param>
    public static JsonObject SharedCard(ChatMessage message, IReadOnlyCollection<string> refreshUserIds)
    {
        ArgumentNullException.ThrowIfNull(refreshUserIds);
        var ids = refreshUserIds.Distinct(StringComparer.Ordinal).Take(AdaptiveCardRenderer.MaxRefreshUsers).ToList();
        return AdaptiveCardRenderer.WithRefresh(AdaptiveCardRenderer.Message(Shared(message)), RefreshVerb, "", ids);
    }
}
