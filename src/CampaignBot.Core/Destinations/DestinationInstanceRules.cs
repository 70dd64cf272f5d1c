using CampaignBot.Core.Text;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Destinations;

/// <summary>Checks configured destinations once, at start-up, with a message per bad entry.</summary>
public static class DestinationInstanceRules
{
    private static readonly string[] SourceTables = ["merged_customers", "customer_360"];

    public static IReadOnlyList<ValidationProblem> Check(IReadOnlyList<DestinationInstance> instances)
    {
        var problems = new ProblemList();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            var path = $"Destinations:{i}";
            if (string.IsNullOrWhiteSpace(instance.Name))
            {
                problems.Error($"{path}:Name", $"Destination {i} has no name; campaigns refer to destinations by name.");
            }
            else if (PrintableText.Problem(instance.Name) is { } unprintable)
            {
                problems.Error($"{path}:Name", $"The name of destination {i} contains {unprintable}; remove it.");
            }
            else if (!names.Add(instance.Name.Trim()))
            {
                problems.Error($"{path}:Name", $"Two destinations are called '{instance.Name}'; give each its own name.");
            }

            if (!SourceTables.Contains(instance.DefaultSourceTable, StringComparer.OrdinalIgnoreCase))
            {
                problems.Error($"{path}:DefaultSourceTable", $"Destination '{instance.Name}' reads from '{instance.DefaultSourceTable}'; use merged_customers or customer_360.");
            }

            if (instance.Descriptor.IsFile && string.IsNullOrWhiteSpace(instance.Location))
            {
                problems.Error($"{path}:Location", $"Destination '{instance.Name}' is a {instance.Descriptor.DisplayName} destination and needs a Location to write to.");
            }

            FileDestinationRules.Check(instance, path, problems);
            HttpDestinationRules.Check(instance, path, problems);
            if (instance.Kind != DestinationKind.LocalFolder && string.IsNullOrWhiteSpace(instance.CredentialsReference))
            {
                problems.Error($"{path}:CredentialsReference", $"Destination '{instance.Name}' ({instance.Descriptor.DisplayName}) needs a CredentialsReference naming the setting that holds its credentials.");
            }

            if (instance.DefaultAttributes.Count > 0)
            {
                AttributeRules.Check(instance.Descriptor, instance.DefaultAttributes.ToList(), path, problems);
            }
        }

        return problems.Items;
    }
}
