using CampaignBot.App.Storage;
using LiteDB;

namespace CampaignBot.Chat.Slack;

/// <summary>
/// The Slack messages that stand for a campaign (its approval card in the approvers' channel and approvers'
/// DMs), kept so decisions update them in place and run updates reply in their thread.
/// </summary>
public sealed class SlackMessageStore(AppDatabase database)
{
    private ILiteCollection<SlackCampaignMessages> Messages => database.Collection<SlackCampaignMessages>("slack_messages");

    public SlackCampaignMessages? For(Guid campaignId) => Messages.FindById(campaignId);

    /// <summary>Starts a new set for a new approval request; the previous request's cards stay as they were.</summary>
    public void Replace(Guid campaignId, IReadOnlyList<SlackPosted> cards) =>
        database.Write(() => Messages.Upsert(new SlackCampaignMessages { Id = campaignId, Cards = [.. cards] }));
}

public sealed class SlackCampaignMessages
{
    public Guid Id { get; set; }

    /// <summary>The first is the channel card, whose thread carries run updates.</summary>
    public List<SlackPosted> Cards { get; set; } = [];
}

public sealed class SlackPosted
{
    public string Channel { get; set; } = "";

    public string Ts { get; set; } = "";
}
