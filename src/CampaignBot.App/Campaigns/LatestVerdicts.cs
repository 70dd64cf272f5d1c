using CampaignBot.App.Storage;
using CampaignBot.Core.Campaigns;
using LiteDB;

namespace CampaignBot.App.Campaigns;

/// <summary>
/// The last verdict computed for each campaign, so a campaign summary can show it without asking the engine again.
/// </summary>
public sealed class LatestVerdicts(AppDatabase database)
{
    private ILiteCollection<LatestVerdict> Verdicts => database.Collection<LatestVerdict>("latest_verdicts");

    public LatestVerdict? Of(CampaignId campaignId) => Verdicts.FindById(campaignId.Value);

    public void Record(CampaignId campaignId, string verdict, DateTimeOffset computedAt) =>
        database.Write(() => Verdicts.Upsert(new LatestVerdict { Id = campaignId.Value, Verdict = verdict, ComputedAt = computedAt }));
}

public sealed class LatestVerdict
{
    public Guid Id { get; set; }

    public string Verdict { get; set; } = "";

    public DateTimeOffset ComputedAt { get; set; }
}
