using System.Text.Json.Nodes;
using CampaignBot.App.Approvals;
using CampaignBot.App.Storage;
using CampaignBot.App.Users;
using CampaignBot.Conversations.Notices;
using CampaignBot.Core.Campaigns;
using LiteDB;

namespace CampaignBot.Chat.Teams.References;

/// <summary>
/// The two views of each posted card whose buttons only some people may use: Teams asks the bot for a person's
/// view when they see the card (a refresh invoke, T4), long after it was posted and perhaps after a restart.
/// </summary>
public sealed class TeamsCardViews(AppDatabase database, PostedMessages posted) : IApprovalClosing
{
    private ILiteCollection<TeamsCardViewRecord> Views => database.Collection<TeamsCardViewRecord>("teams_card_views");

    public void Save(string conversationId, string activityId, JsonObject full, JsonObject shared, IReadOnlyList<string> actableBy)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(shared);
        database.Write(() => Views.Upsert(new TeamsCardViewRecord
        {
            Id = Key(conversationId, activityId),
            FullCardJson = full.ToJsonString(),
            SharedCardJson = shared.ToJsonString(),
            ActableBy = [.. actableBy],
        }));
    }

    /// <summary>
    /// A card updated into one without per-person views (decided, expired) needs none kept. Usually the request's
    /// closing removed them already (<see cref="RequestClosed"/>): then nothing is written, so no commit waits for the disk.
    /// </summary>
    public void Forget(string conversationId, string activityId)
    {
        var key = Key(conversationId, activityId);
        if (Views.FindById(key) is not null)
        {
            database.Write(() => Views.Delete(key));
        }
    }

    /// <summary>
    /// The request's cards in Teams stop offering buttons once it is decided, expired or withdrawn: their per-person views
    /// go in the transaction that closes it, so a decision costs one commit. The card itself is updated after, by the notice.
    /// </summary>
    public void RequestClosed(CampaignId campaignId)
    {
        foreach (var copy in posted.For(ChatChannels.Teams, CampaignNoticePlanner.ThreadOf(campaignId)))
        {
            Views.Delete(Key(copy.Conversation, copy.MessageId));
        }
    }

    /// <summary>The card a person should see: with buttons when they may act, else the shared view; null for a card not kept here.</summary>
    public JsonObject? For(string conversationId, string activityId, string? personId)
    {
        if (Views.FindById(Key(conversationId, activityId)) is not { } record)
        {
            return null;
        }

        var mayAct = personId is not null && record.ActableBy.Contains(personId, StringComparer.OrdinalIgnoreCase);
        return JsonNode.Parse(mayAct ? record.FullCardJson : record.SharedCardJson) as JsonObject;
    }

    private static string Key(string conversationId, string activityId) => $"{TeamsConversations.BaseId(conversationId)}|{activityId}";
}
