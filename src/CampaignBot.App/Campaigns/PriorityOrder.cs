using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Validation;

namespace CampaignBot.App.Campaigns;

/// <summary>
/// Lists in priority order: high first, then the one due to run next, then the latest change. The order in which
/// the scheduler starts campaigns that compete for capped customers (docs/lifecycle.md, Priority).
/// </summary>
public static class PriorityOrder
{
    public const string Recent = "recent";
    public const string Priority = "priority";

    public static void Check(string? sort, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (sort is not null && !IsPriority(sort) && !string.Equals(sort.Trim(), Recent, StringComparison.OrdinalIgnoreCase))
        {
            problems.Error("sort", $"'{sort}' is not a sort order; use recent (newest change first, the default) or priority (high first, then the next to run).");
        }
    }

    public static List<CampaignRecord> Apply(string? sort, List<CampaignRecord> campaigns) =>
        sort is not null && IsPriority(sort)
            ? [.. campaigns.OrderByDescending(Of).ThenBy(c => c.NextRunAt ?? DateTimeOffset.MaxValue).ThenByDescending(c => c.UpdatedAt)]
            : campaigns;

    /// <summary>The campaign's priority as its draft says; normal when it says nothing readable.</summary>
    public static CampaignPriority Of(CampaignRecord campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return CampaignPriorityRules.Check(CampaignResolver.ReadDraft(campaign.DraftJson).Priority, new ProblemList()) ?? CampaignPriority.Normal;
    }

    private static bool IsPriority(string sort) => string.Equals(sort.Trim(), Priority, StringComparison.OrdinalIgnoreCase);
}
