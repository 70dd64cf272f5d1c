using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Campaigns;

/// <summary>
/// Which campaign gets a customer when frequency caps leave room for only some of those due together: the higher
/// priority first, then the earlier occurrence (docs/lifecycle.md, Priority). Ordered so that a larger value wins.
/// </summary>
public enum CampaignPriority
{
    Low = 0,
    Normal = 1,
    High = 2,
}

public static class CampaignPriorityRules
{
    public const string Path = "priority";

    /// <summary>The priority written ("high", "normal", "low"); normal when left out, null after reporting a bad one.</summary>
    public static CampaignPriority? Check(string? text, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (text is null)
        {
            return CampaignPriority.Normal;
        }

        CampaignPriority? priority = text.Trim().ToLowerInvariant() switch
        {
            "high" => CampaignPriority.High,
            "normal" => CampaignPriority.Normal,
            "low" => CampaignPriority.Low,
            _ => null,
        };
        if (priority is null)
        {
            problems.Error(Path, $"'{text.Trim()}' is not a priority; choose high, normal or low (normal when left out).");
        }

        return priority;
    }

    /// <summary>"high", "normal", "low": as the API and chat write it.</summary>
    public static string Word(this CampaignPriority priority) => priority.ToString().ToLowerInvariant();
}
