using CampaignBot.App.Campaigns;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Seeds;
using CampaignBot.Core.Validation;

namespace CampaignBot.App.SeedLists;

/// <summary>
/// Binds a campaign's seed lists to its deliveries: each delivery gets the people of every list sent to its
/// destination (or to all), each person once. The lists are read as they are now, so an edited list goes out with
/// the next run without a new approval.
/// </summary>
internal static class SeedDeliveries
{
    public static List<ResolvedDelivery> Attach(CampaignDefinition campaign, List<ResolvedDelivery> deliveries, SeedListStore store, ProblemList problems)
    {
        if (campaign.SeedLists.Count == 0)
        {
            return deliveries;
        }

        var found = new List<(SeedListAttachment Attachment, SeedListRecord List)>();
        for (var i = 0; i < campaign.SeedLists.Count; i++)
        {
            var attachment = campaign.SeedLists[i];
            if (store.Find(attachment.Name) is { } list)
            {
                found.Add((attachment, list));
            }
            else
            {
                Unknown(attachment.Name, i, store, problems);
            }
        }

        return deliveries.Select(d => d with
        {
            Seeds = found.Where(f => f.Attachment.AppliesTo(d.Instance.Name)).SelectMany(f => f.List.Entries).Distinct().ToList(),
        }).ToList();
    }

    /// <summary>When the draft's shape is wrong, unknown seed list names are still reported, so every mistake comes back at once.</summary>
    public static void ReportUnknown(CampaignDraft draft, SeedListStore store, ProblemList problems)
    {
        var drafts = draft.SeedLists ?? [];
        for (var i = 0; i < drafts.Count; i++)
        {
            if (drafts[i]?.Name is { } name && !string.IsNullOrWhiteSpace(name) && store.Find(name) is null)
            {
                Unknown(name.Trim(), i, store, problems);
            }
        }
    }

    private static void Unknown(string name, int index, SeedListStore store, ProblemList problems)
    {
        var known = store.List().Select(l => l.Name).Take(12).ToList();
        problems.Error($"{SeedListRules.Path}[{index}].name", known.Count == 0
            ? $"There is no seed list called '{name}'; create it first (POST /api/seed-lists)."
            : $"There is no seed list called '{name}'; choose one of {string.Join(", ", known)}.");
    }
}
