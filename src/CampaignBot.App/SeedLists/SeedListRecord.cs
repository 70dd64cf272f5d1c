using CampaignBot.Core.Seeds;

namespace CampaignBot.App.SeedLists;

/// <summary>A seed list as stored in LiteDB: its people with normalized identifiers.</summary>
public sealed class SeedListRecord
{
    /// <summary>The name folded to lower case: seed list names are unique regardless of case.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public List<SeedEntry> Entries { get; set; } = [];

    /// <summary>Bumped by every write.</summary>
    public int Version { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public static string KeyOf(string name) => name.Trim().ToLowerInvariant();
}
