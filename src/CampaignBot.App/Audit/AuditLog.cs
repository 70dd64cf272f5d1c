using CampaignBot.App.Storage;
using CampaignBot.Core.Campaigns;
using LiteDB;

namespace CampaignBot.App.Audit;

/// <summary>Append-only record of every transition and decision. Writers call <see cref="Add"/> inside their own transaction.</summary>
public sealed class AuditLog(AppDatabase database)
{
    public const string SchedulerActor = "scheduler";

    private ILiteCollection<AuditEntry> Entries => database.Collection<AuditEntry>("audit");

    public void Add(AuditEntry entry) => Entries.Insert(entry);

    public IReadOnlyList<AuditEntry> For(CampaignId campaignId)
    {
        Entries.EnsureIndex(e => e.CampaignId);
        return Entries.Find(e => e.CampaignId == campaignId).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
    }
}
