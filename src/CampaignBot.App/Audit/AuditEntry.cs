using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;

namespace CampaignBot.App.Audit;

/// <summary>One thing that happened to a campaign: who, when, from which channel, and what it changed.</summary>
public sealed class AuditEntry
{
    public LiteDB.ObjectId Id { get; set; } = LiteDB.ObjectId.NewObjectId();

    public CampaignId CampaignId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>A person's id, or "scheduler" for what the service did by itself.</summary>
    public string Actor { get; set; } = "";

    public string Channel { get; set; } = "";

    public string Action { get; set; } = "";

    public CampaignStatus? From { get; set; }

    public CampaignStatus? To { get; set; }

    public string? Detail { get; set; }
}
