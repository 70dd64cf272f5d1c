using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Campaigns;

/// <summary>The attribution window: how many days after each send a customer's orders count toward the campaign.</summary>
public static class AttributionRules
{
    public const int DefaultDays = 7;

    // A year: beyond it, orders say more about the season than about the campaign.
    public const int MaxDays = 365;

    public static int Check(int? days, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (days is null)
        {
            return DefaultDays;
        }

        if (days is < 1 or > MaxDays)
        {
            problems.Error("attributionDays", $"The attribution window is {days} days; choose 1 to {MaxDays} days after each send ({DefaultDays} when left out).");
            return DefaultDays;
        }

        return days.Value;
    }
}
