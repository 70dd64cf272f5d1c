using CampaignBot.App.Storage;
using CampaignBot.Core.Campaigns;
using LiteDB;

namespace CampaignBot.App.Runs;

/// <summary>Runs and their delivered batches. Call the writing methods inside <see cref="AppDatabase.Write{T}"/>.</summary>
public sealed class RunStore(AppDatabase database)
{
    private ILiteCollection<RunRecord> Runs => database.Collection<RunRecord>("runs", c =>
    {
        c.EnsureIndex(r => r.CampaignId);
        c.EnsureIndex(r => r.Status);
    });

    private ILiteCollection<BatchRecord> Batches => database.Collection<BatchRecord>("batches", c => c.EnsureIndex(b => b.RunId));

    public RunRecord? Get(string id) => Runs.FindById(id);

    public IReadOnlyList<RunRecord> ForCampaign(CampaignId campaignId) =>
        Runs.Find(r => r.CampaignId == campaignId).OrderByDescending(r => r.Slot).ToList();

    /// <summary>The campaign's runs that ended (failed or cancelled) before counting their audience: they sent nothing.</summary>
    public IReadOnlyList<string> EndedBeforeCounting(CampaignId campaignId) =>
        Runs.Find(r => r.CampaignId == campaignId && (r.Status == RunStatus.Failed || r.Status == RunStatus.Cancelled) && !r.Counted).Select(r => r.Id).ToList();

    public bool AnyFor(CampaignId campaignId) => Runs.Exists(r => r.CampaignId == campaignId);

    public IReadOnlyList<RunRecord> InStatus(RunStatus status) =>
        Runs.Find(Query.EQ(nameof(RunRecord.Status), status.ToString())).ToList();

    /// <summary>Inserts a new run; false when one with the same id (campaign and occurrence) already exists.</summary>
    public bool TryInsert(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Runs.FindById(run.Id) is not null)
        {
            return false;
        }

        Runs.Insert(run);
        return true;
    }

    /// <summary>Saves the run if nobody saved it since <paramref name="readVersion"/>.</summary>
    public bool TryUpdate(RunRecord run, int readVersion)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Runs.FindById(run.Id) is not { } stored || stored.Version != readVersion)
        {
            return false;
        }

        run.Version = readVersion + 1;
        return Runs.Update(run);
    }

    public void AddBatch(BatchRecord batch) => Batches.Insert(batch);

    /// <summary>Forgets a delivery's batches so it is sent again from its first batch, under the same numbers.</summary>
    public int ForgetBatches(string runId, string deliveryKey) => Batches.DeleteMany(b => b.RunId == runId && b.DeliveryKey == deliveryKey);

    public IReadOnlyList<BatchRecord> BatchesOf(string runId) =>
        Batches.Find(b => b.RunId == runId).OrderBy(b => b.DeliveryKey).ThenBy(b => b.Sequence).ToList();
}
