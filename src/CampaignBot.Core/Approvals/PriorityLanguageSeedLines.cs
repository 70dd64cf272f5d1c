using CampaignBot.Core.Campaigns;

namespace CampaignBot.Core.Approvals;

/// <summary>
/// The snapshot lines for a campaign's priority, language and seed lists. Written only when the campaign sets them, so a
/// campaign approved before these existed keeps its fingerprint. Seed lists appear by name and destination, never by
/// their entries: editing a list's people does not change what was approved (docs/lifecycle.md, Seed lists).
/// </summary>
internal static class PriorityLanguageSeedLines
{
    public static void Add(List<SnapshotLine> lines, CampaignDefinition campaign)
    {
        if (campaign.Priority != CampaignPriority.Normal)
        {
            lines.Add(new("Priority", campaign.Priority.Word()));
        }

        if (campaign.Language is { } language)
        {
            lines.Add(new("Language", $"{language.Tag} ({language.DisplayName})"));
        }

        foreach (var seeds in campaign.SeedLists)
        {
            lines.Add(new($"Seed list{SnapshotLines.Separator}{seeds.Name}", seeds.ForAllDestinations ? "all destinations" : string.Join(", ", seeds.Destinations)));
        }
    }
}
