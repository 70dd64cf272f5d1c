using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Campaigns;

internal static class AudienceRules
{
    public static AudiencePlan? Check(AudienceDraft? draft, ProblemList problems)
    {
        var include = SegmentList(draft?.Include, "audience.include", "included", problems);
        var exclude = SegmentList(draft?.Exclude, "audience.exclude", "excluded", problems);
        if ((draft?.Include?.Count ?? 0) == 0)
        {
            problems.Error("audience.include", "Choose at least one segment to include; the campaign's audience starts from it.");
        }

        var included = include.ToHashSet(NameRules.Comparer);
        for (var i = 0; i < (draft?.Exclude?.Count ?? 0); i++)
        {
            var name = draft!.Exclude![i]?.Trim();
            if (name is not null && included.Contains(name))
            {
                problems.Error($"audience.exclude[{i}]",
                    $"'{name}' is both included and excluded, which removes everyone it brings in; take it out of one of the two lists.");
            }
        }

        return new AudiencePlan(include, exclude);
    }

    private static List<string> SegmentList(IReadOnlyList<string?>? names, string path, string verb, ProblemList problems)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(NameRules.Comparer);
        for (var i = 0; i < (names?.Count ?? 0); i++)
        {
            var name = names![i]?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                problems.Error($"{path}[{i}]", "A segment name is blank; choose a segment or remove the entry.");
            }
            else if (!seen.Add(name))
            {
                problems.Error($"{path}[{i}]", $"'{name}' is {verb} twice; remove the repeat.");
            }
            else
            {
                result.Add(name);
            }
        }

        return result;
    }
}
