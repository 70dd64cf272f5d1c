using CampaignBot.App.Storage;
using LiteDB;

namespace CampaignBot.App.SeedLists;

/// <summary>Seed lists in LiteDB, keyed by their name in lower case.</summary>
public sealed class SeedListStore(AppDatabase database)
{
    private ILiteCollection<SeedListRecord> Lists => database.Collection<SeedListRecord>("seed_lists");

    public IReadOnlyList<SeedListRecord> List() => Lists.FindAll().OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public SeedListRecord? Find(string name) => Lists.FindById(SeedListRecord.KeyOf(name));

    /// <summary>Inserts unless the name (any case) is taken; check and insert are one write.</summary>
    public bool TryInsert(SeedListRecord record) => database.Write(() => Lists.FindById(record.Id) is null && Lists.Insert(record) is not null);

    public void Update(SeedListRecord record) => database.Write(() => Lists.Update(record));

    public bool Delete(string name) => database.Write(() => Lists.Delete(SeedListRecord.KeyOf(name)));
}
