using System.Text.RegularExpressions;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Campaigns;

internal static partial class RecipientGroupRules
{
    public const int MaxGroupsPerSubAudience = 10;

    /// <summary>Group names are unique across the campaign, because destination lists are named campaign + group.</summary>
    public static List<RecipientGroup>? Check(
        IReadOnlyList<RecipientGroupDraft>? drafts, string path, string subAudienceLabel,
        Dictionary<string, GroupOwner> groupOwners, ProblemList problems)
    {
        if (drafts is null || drafts.Count == 0)
        {
            problems.Error($"{path}.groups", $"Add at least one recipient group to {subAudienceLabel}; without one nobody in it is sent anything.");
            return null;
        }

        if (drafts.Count > MaxGroupsPerSubAudience)
        {
            problems.Error($"{path}.groups",
                $"{PercentRules.Capitalize(subAudienceLabel)} has {drafts.Count} recipient groups; use at most {MaxGroupsPerSubAudience}.");
        }

        var groups = new List<RecipientGroup>();
        for (var j = 0; j < drafts.Count; j++)
        {
            if (drafts[j] is null)
            {
                problems.Error($"{path}.groups[{j}]", $"Recipient group {j + 1} of {subAudienceLabel} is empty (null); fill it in or remove it.");
                continue;
            }

            var group = CheckGroup(drafts[j], path, j, subAudienceLabel, groupOwners, problems);
            if (group is not null)
            {
                groups.Add(group);
            }
        }

        return groups.Count == drafts.Count ? groups : null;
    }

    private static RecipientGroup? CheckGroup(
        RecipientGroupDraft draft, string subAudiencePath, int index, string subAudienceLabel,
        Dictionary<string, GroupOwner> groupOwners, ProblemList problems)
    {
        var path = $"{subAudiencePath}.groups[{index}]";
        var name = NameRules.Require(draft.Name, $"{path}.name", $"recipient group {index + 1} of {subAudienceLabel}", NameRules.MaxPartName, problems);
        var label = name is null ? $"recipient group {index + 1} of {subAudienceLabel}" : $"recipient group '{name}'";
        if (name is not null)
        {
            if (!groupOwners.TryAdd(name, new GroupOwner(subAudiencePath, subAudienceLabel)))
            {
                var owner = groupOwners[name];
                var where = owner.Path == subAudiencePath ? "in the same sub-audience" : $"in {owner.Label}";
                problems.Error($"{path}.name",
                    $"A recipient group called '{name}' already exists {where}; destination lists are named after the campaign and the group, so each group needs its own name.");
            }
            else if (DefaultGroupName().IsMatch(name))
            {
                problems.Warning($"{path}.name",
                    $"'{name}' is a default group name; destination lists are named after the group, so people downstream won't know what it is for. Name it after what it receives, such as 'Spring email A'.");
            }
        }

        Percentage? percent = null;
        if (draft.Percent is not { } value)
        {
            problems.Error($"{path}.percent", $"Give {label} a percent of the sub-audience.");
        }
        else if (PercentRules.Read(value, $"{path}.percent", $"the share of {label}", problems) is { } read)
        {
            if (read == Percentage.Zero)
            {
                problems.Error($"{path}.percent", $"{PercentRules.Capitalize(label)} has 0%; give it a share above 0% or remove it.");
            }
            else
            {
                percent = read;
            }
        }

        var destinations = DestinationRules.Check(draft.Destinations, path, label, problems);
        return name is null || percent is null || destinations is null
            ? null
            : new RecipientGroup { Name = name, Percent = percent.Value, Destinations = destinations };
    }

    // "Recipient 1", "Recipient1", "Recipient group 2", "Treatment 3", "Group 1": the names tools fill in.
    [GeneratedRegex(@"^(recipient|treatment|group)(\s*group)?\s*\d*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefaultGroupName();
}

/// <summary>The sub-audience that first used a group name: its path tells sub-audiences with equal names apart.</summary>
internal sealed record GroupOwner(string Path, string Label);
