using CampaignBot.App.Storage;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;
using LiteDB;

namespace CampaignBot.App.Campaigns;

/// <summary>Campaign records. Updates check the version they were read at, so concurrent edits are refused, not lost.</summary>
public sealed class CampaignStore(AppDatabase database)
{
    private ILiteCollection<CampaignRecord> Campaigns
    {
        get
        {
            var campaigns = database.Collection<CampaignRecord>("campaigns");
            campaigns.EnsureIndex(c => c.Status);
            return campaigns;
        }
    }

    public CampaignRecord? Get(CampaignId id) => Campaigns.FindById(id.Value);

    public IReadOnlyList<CampaignRecord> List() => Campaigns.FindAll().OrderByDescending(c => c.UpdatedAt).ToList();

    public IReadOnlyList<CampaignRecord> InStatus(params CampaignStatus[] statuses)
    {
        var names = statuses.Select(s => new BsonValue(s.ToString())).ToArray();
        return Campaigns.Find(Query.In(nameof(CampaignRecord.Status), names)).ToList();
    }

    /// <summary>Call inside <see cref="AppDatabase.Write{T}"/>.</summary>
    public void Insert(CampaignRecord campaign) => Campaigns.Insert(campaign);

    /// <summary>
    /// Saves <paramref name="campaign"/> if the stored version is still <paramref name="readVersion"/>, bumping it.
    /// Call inside <see cref="AppDatabase.Write{T}"/> so the check and the write are one step.
    /// </summary>
    public bool TryUpdate(CampaignRecord campaign, int readVersion)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (Campaigns.FindById(campaign.Id.Value) is not { } stored || stored.Version != readVersion)
        {
            return false;
        }

        campaign.Version = readVersion + 1;
        return Campaigns.Update(campaign);
    }

    public bool Delete(CampaignId id) => Campaigns.Delete(id.Value);
}
