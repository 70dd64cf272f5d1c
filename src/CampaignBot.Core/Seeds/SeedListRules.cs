using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Seeds;

/// <summary>
/// Checks the seed lists a campaign names: each named once, and sent only to destinations the campaign uses. Whether
/// the lists exist is the application's to check, since they are stored there.
/// </summary>
public static class SeedListRules
{
    public const string Path = "seedLists";

    // A handful of lists of internal people; more is a mailing list, not seeds.
    public const int MaxLists = 10;

    public static IReadOnlyList<SeedListAttachment> Check(IReadOnlyList<SeedListDraft?>? drafts, IReadOnlyList<SubAudience>? subAudiences, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (drafts is null || drafts.Count == 0)
        {
            return [];
        }

        if (drafts.Count > MaxLists)
        {
            problems.Error(Path, $"The campaign names {drafts.Count} seed lists; attach at most {MaxLists}.");
        }

        var used = subAudiences?.SelectMany(s => s.Groups).SelectMany(g => g.Destinations).Select(d => d.Destination)
            .Distinct(NameRules.Comparer).ToList();
        var attachments = new List<SeedListAttachment>();
        var seen = new HashSet<string>(NameRules.Comparer);
        for (var i = 0; i < drafts.Count; i++)
        {
            var path = $"{Path}[{i}]";
            var name = drafts[i]?.Name?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                problems.Error($"{path}.name", "Name the seed list to send.");
                continue;
            }

            if (!seen.Add(name))
            {
                problems.Error($"{path}.name", $"The seed list '{name}' is named twice; attach each list once.");
                continue;
            }

            var destinations = new List<string>();
            var wanted = drafts[i]!.Destinations ?? [];
            for (var d = 0; d < wanted.Count; d++)
            {
                var destination = wanted[d]?.Trim();
                if (string.IsNullOrEmpty(destination))
                {
                    problems.Error($"{path}.destinations[{d}]", "Name a destination of this campaign, or leave destinations out to send the list to all of them.");
                }
                else if (used is not null && !used.Contains(destination, NameRules.Comparer))
                {
                    problems.Error($"{path}.destinations[{d}]",
                        $"The campaign does not send to '{destination}'; choose one of {string.Join(", ", used)}, or leave destinations out to send the list to all of them.");
                }
                else if (!destinations.Contains(destination, NameRules.Comparer))
                {
                    destinations.Add(used?.First(u => NameRules.Comparer.Equals(u, destination)) ?? destination);
                }
            }

            attachments.Add(new SeedListAttachment(name, destinations));
        }

        return attachments;
    }
}
