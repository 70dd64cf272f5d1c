using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Destinations;

/// <summary>
/// Checks a validated campaign against the configured destinations: every destination it names exists,
/// and the attributes sent to it (the campaign's, or the instance's defaults) are ones it accepts.
/// Paths match the campaign draft, so the API and chat can point at the exact entry.
/// </summary>
public static class DestinationAssignmentRules
{
    public static IReadOnlyList<ValidationProblem> Check(CampaignDefinition campaign, IReadOnlyList<DestinationInstance> instances)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var byName = instances.ToDictionary(i => i.Name, StringComparer.OrdinalIgnoreCase);
        var problems = new ProblemList();
        for (var s = 0; s < campaign.SubAudiences.Count; s++)
        {
            var groups = campaign.SubAudiences[s].Groups;
            for (var g = 0; g < groups.Count; g++)
            {
                for (var d = 0; d < groups[g].Destinations.Count; d++)
                {
                    var assignment = groups[g].Destinations[d];
                    var path = $"subAudiences[{s}].groups[{g}].destinations[{d}]";
                    if (!byName.TryGetValue(assignment.Destination, out var instance))
                    {
                        problems.Error($"{path}.destination",
                            $"There is no destination called '{assignment.Destination}'; choose one of {string.Join(", ", instances.Select(i => i.Name))}.");
                        continue;
                    }

                    var attributes = assignment.Attributes.Count > 0 ? assignment.Attributes.Select(a => a.Name).ToList() : instance.DefaultAttributes.ToList();
                    AttributeRules.Check(instance.Descriptor, attributes, path, problems);
                }
            }
        }

        return problems.Items;
    }

    /// <summary>What goes to one destination: the campaign's choice, or the instance's defaults from its default table.</summary>
    public static IReadOnlyList<AttributeSelection> Resolve(DestinationAssignment assignment, DestinationInstance instance) =>
        assignment.Attributes.Count > 0
            ? assignment.Attributes.Select(a => a with { SourceTable = a.SourceTable ?? instance.DefaultSourceTable }).ToList()
            : instance.DefaultAttributes.Select(a => new AttributeSelection(a, instance.DefaultSourceTable)).ToList();
}
