using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Campaigns;

internal static class SubAudienceRules
{
    public const int MaxSubAudiences = 25;

    public static List<SubAudience>? Check(IReadOnlyList<SubAudienceDraft>? drafts, AudiencePlan? audience, ProblemList problems)
    {
        if (drafts is null || drafts.Count == 0)
        {
            problems.Error("subAudiences",
                "Add at least one sub-audience. To send to the whole audience, add a single catch-all sub-audience.");
            return null;
        }

        if (drafts.Count > MaxSubAudiences)
        {
            problems.Error("subAudiences", $"The campaign has {drafts.Count} sub-audiences; use at most {MaxSubAudiences}.");
        }

        var names = new HashSet<string>(NameRules.Comparer);
        var groupOwners = new Dictionary<string, GroupOwner>(NameRules.Comparer);
        var segmentOwners = new Dictionary<string, string>(NameRules.Comparer);
        var excluded = (audience?.ExcludeSegments ?? []).ToHashSet(NameRules.Comparer);
        string? catchAllLabel = null;
        string? catchAllPath = null;
        var catchAllOrderReported = false;
        var result = new List<SubAudience>();

        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var path = $"subAudiences[{i}]";
            // JSON can say null where the type says a sub-audience; so can any other list entry below.
            if (draft is null)
            {
                problems.Error(path, $"Sub-audience {i + 1} is empty (null); fill it in or remove it.");
                continue;
            }

            var name = NameRules.Require(draft.Name, $"{path}.name", $"sub-audience {i + 1}", NameRules.MaxPartName, problems);
            var label = name is null ? $"sub-audience {i + 1}" : $"sub-audience '{name}'";
            if (name is not null && !names.Add(name))
            {
                problems.Error($"{path}.name", $"Another sub-audience is already called '{name}'; give each its own name.");
            }

            var segment = draft.Segment?.Trim();
            if (draft.CatchAll)
            {
                if (!string.IsNullOrEmpty(segment))
                {
                    problems.Error($"{path}.segment",
                        $"{PercentRules.Capitalize(label)} is the catch-all, which takes everyone no earlier sub-audience matched; remove its segment or turn catch-all off.");
                }

                if (catchAllLabel is not null)
                {
                    problems.Error($"{path}.catchAll", $"Only one sub-audience can be the catch-all, and {catchAllLabel} already is.");
                }

                catchAllLabel ??= label;
                catchAllPath ??= path;
                segment = null;
            }
            else if (string.IsNullOrEmpty(segment))
            {
                problems.Error($"{path}.segment", $"Choose the segment that defines {label}, or make it the catch-all.");
            }
            else
            {
                WarnWhenAlwaysEmpty(segment, path, label, excluded, segmentOwners, problems);
            }

            if (catchAllLabel is not null && !draft.CatchAll && !catchAllOrderReported)
            {
                problems.Error($"{catchAllPath}.catchAll",
                    $"The catch-all {catchAllLabel} must come last: sub-audiences match in order, so {label} after it would never receive anyone.");
                catchAllOrderReported = true;
            }

            var control = CheckControl(draft.ControlPercent, path, label, problems);
            var groups = RecipientGroupRules.Check(draft.Groups, path, label, groupOwners, problems);
            if (control is not null && groups is not null)
            {
                CheckSum(control.Value, groups, path, label, problems);
            }

            if (name is not null && control is not null && groups is not null && (segment is not null || draft.CatchAll))
            {
                result.Add(new SubAudience { Name = name, Segment = segment, ControlPercent = control.Value, Groups = groups });
            }
        }

        return result.Count == drafts.Count ? result : null;
    }

    private static void WarnWhenAlwaysEmpty(
        string segment, string path, string label, HashSet<string> excluded, Dictionary<string, string> segmentOwners, ProblemList problems)
    {
        if (excluded.Contains(segment))
        {
            problems.Warning($"{path}.segment", $"'{segment}' is excluded from the audience, so {label} will always be empty.");
        }
        else if (!segmentOwners.TryAdd(segment, label))
        {
            problems.Warning($"{path}.segment",
                $"{PercentRules.Capitalize(segmentOwners[segment])} uses '{segment}' too and matches first, so {label} will always be empty.");
        }
    }

    private static Percentage? CheckControl(decimal? value, string path, string label, ProblemList problems)
    {
        var control = PercentRules.Read(value ?? 0m, $"{path}.controlPercent", $"the control group of {label}", problems);
        if (control == Percentage.Hundred)
        {
            problems.Error($"{path}.controlPercent",
                $"The control group of {label} is 100%, so nobody would receive the campaign; lower it.");
            return null;
        }

        if (control == Percentage.Zero)
        {
            problems.Warning($"{path}.controlPercent",
                $"{PercentRules.Capitalize(label)} has no control group, so you can't measure its lift against customers who received nothing.");
        }

        return control;
    }

    private static void CheckSum(Percentage control, List<RecipientGroup> groups, string path, string label, ProblemList problems)
    {
        var total = groups.Aggregate(control, (sum, g) => sum + g.Percent);
        if (total != Percentage.Hundred)
        {
            var parts = string.Join(" + ", groups.Select(g => g.Percent.ToString()));
            problems.Error($"{path}.groups",
                $"In {label} the control group ({control}) and recipient groups ({parts}) add up to {total}; they must add up to 100%.");
        }
    }
}
