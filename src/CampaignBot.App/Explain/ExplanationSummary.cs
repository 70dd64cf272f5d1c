using CampaignBot.App.Campaigns;
using CampaignBot.Customers.Audiences;

namespace CampaignBot.App.Explain;

/// <summary>The explanation's headline: the decisive reason, in the order the audience build applies the rules.</summary>
internal static class ExplanationSummary
{
    public static string Of(ResolvedCampaign campaign, CustomerAudienceFacts facts, IReadOnlyList<DestinationCheck> destinations)
    {
        var who = $"Customer {facts.CustomerId}";
        var audience = campaign.Definition.Audience;
        if (!facts.InAnyInclude)
        {
            return $"{who} is not in the audience: they are in none of the include segments ({Quoted(audience.IncludeSegments)}).";
        }

        if (facts.InAnyExclude)
        {
            var by = audience.ExcludeSegments.Where((_, i) => facts.Exclude[i]).ToList();
            return $"{who} is not in the audience: the exclude segment{(by.Count == 1 ? "" : "s")} {Quoted(by)} remove{(by.Count == 1 ? "s" : "")} them.";
        }

        if (facts.SuppressedEverywhere)
        {
            return $"{who} is not in the audience: they are on the global suppression list (opted out of every channel).";
        }

        if (facts.HeldOut && campaign.Holdout is { } holdout)
        {
            return $"{who} is not in the audience: they are in the global holdout ({Percent(holdout.Percent)} of all customers, " +
                "kept out of every campaign so that all marketing can be measured against them).";
        }

        var slot = facts.Slot;
        if (slot.IsUnmatched)
        {
            return $"{who} is in the audience but matches no sub-audience and there is no catch-all: reported as unmatched, never sent.";
        }

        var subAudience = campaign.Definition.SubAudiences[slot.SubAudience];
        if (slot.IsControl)
        {
            return $"{who} is in sub-audience '{subAudience.Name}', held out in its control group: recorded, never sent.";
        }

        var receiving = destinations.Count(d => d.Outcome == DestinationOutcome.WouldReceive);
        return $"{who} is in sub-audience '{subAudience.Name}', group '{subAudience.Groups[slot.Group].Name}': " +
            $"{receiving} of {destinations.Count} destination{(destinations.Count == 1 ? "" : "s")} would receive them.";
    }

    public static string Percent(decimal percent) => $"{percent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%";

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
