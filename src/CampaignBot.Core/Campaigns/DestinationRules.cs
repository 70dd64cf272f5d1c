using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Campaigns;

internal static class DestinationRules
{
    public static List<DestinationAssignment>? Check(IReadOnlyList<DestinationDraft>? drafts, string groupPath, string groupLabel, ProblemList problems)
    {
        if (drafts is null || drafts.Count == 0)
        {
            problems.Error($"{groupPath}.destinations",
                $"{PercentRules.Capitalize(groupLabel)} has no destination; add at least one so its customers are sent somewhere.");
            return null;
        }

        var result = new List<DestinationAssignment>();
        var seen = new HashSet<string>(NameRules.Comparer);
        var ok = true;
        for (var k = 0; k < drafts.Count; k++)
        {
            var path = $"{groupPath}.destinations[{k}]";
            if (drafts[k] is null)
            {
                problems.Error(path, $"Destination entry {k + 1} of {groupLabel} is empty (null); fill it in or remove it.");
                ok = false;
                continue;
            }

            var name = drafts[k].Destination?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                problems.Error($"{path}.destination", $"Choose which destination entry {k + 1} of {groupLabel} sends to.");
                ok = false;
                continue;
            }

            if (!seen.Add(name))
            {
                problems.Error($"{path}.destination", $"'{name}' is listed twice for {groupLabel}; remove the repeat.");
                ok = false;
                continue;
            }

            var attributes = CheckAttributes(drafts[k].Attributes, path, name, problems);
            if (attributes is null)
            {
                ok = false;
                continue;
            }

            result.Add(new DestinationAssignment(name, attributes));
        }

        return ok ? result : null;
    }

    private static List<AttributeSelection>? CheckAttributes(IReadOnlyList<AttributeDraft>? drafts, string path, string destination, ProblemList problems)
    {
        var result = new List<AttributeSelection>();
        var seen = new HashSet<string>(NameRules.Comparer);
        var ok = true;
        for (var a = 0; a < (drafts?.Count ?? 0); a++)
        {
            if (drafts![a] is null)
            {
                problems.Error($"{path}.attributes[{a}]", $"Attribute {a + 1} for '{destination}' is empty (null); name one or remove it.");
                ok = false;
                continue;
            }

            var name = drafts[a].Name?.Trim();
            var table = drafts[a].SourceTable?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                problems.Error($"{path}.attributes[{a}].name", $"An attribute for '{destination}' has no name; choose one or remove it.");
                ok = false;
            }
            else if (!seen.Add(name))
            {
                problems.Error($"{path}.attributes[{a}].name", $"'{name}' is sent to '{destination}' twice; keep one.");
                ok = false;
            }
            else
            {
                result.Add(new AttributeSelection(name, string.IsNullOrEmpty(table) ? null : table));
            }
        }

        return ok ? result : null;
    }
}
