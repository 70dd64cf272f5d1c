using CampaignBot.Core.Seeds;

namespace CampaignBot.App.SeedLists;

/// <summary>A seed list as readers see it, with the campaigns that send it.</summary>
public sealed record SeedListView(
    string Name, string Description, IReadOnlyList<SeedEntry> Entries, int Version, string CreatedBy, DateTimeOffset CreatedAt, string UpdatedBy,
    DateTimeOffset UpdatedAt, IReadOnlyList<string> UsedBy)
{
    public static SeedListView Of(SeedListRecord record, IReadOnlyList<string> usedBy)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new SeedListView(record.Name, record.Description, record.Entries, record.Version, record.CreatedBy, record.CreatedAt, record.UpdatedBy, record.UpdatedAt, usedBy);
    }
}

/// <summary>A seed list as written: a name (on create), a description and its people.</summary>
public sealed record SeedListInput
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<SeedEntryInput?>? Entries { get; init; }
}
