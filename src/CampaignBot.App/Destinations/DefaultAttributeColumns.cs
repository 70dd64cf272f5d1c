using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Schema;

namespace CampaignBot.App.Destinations;

/// <summary>
/// Default attributes must be customer columns of the destination's source table. File destinations take any
/// attribute, so without this a typo ("emial") would surface only when a campaign first uses the destination.
/// </summary>
internal static class DefaultAttributeColumns
{
    public static IEnumerable<string> Check(IReadOnlyList<DestinationInstance> instances)
    {
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            if (CustomerSchema.FindTable(instance.DefaultSourceTable) is null)
            {
                continue; // DestinationInstanceRules names the unknown table.
            }

            AudienceBuilder.ResolveAttributes(instance.DefaultAttributes.Select(a => (a, (string?)instance.DefaultSourceTable)), out var problems);
            foreach (var problem in problems)
            {
                yield return $"Destinations:{i}:DefaultAttributes: {problem}";
            }
        }
    }
}
