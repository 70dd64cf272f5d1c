using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Destinations;

/// <summary>Checks the attributes chosen for one (recipient group, destination) against the destination's rules.</summary>
public static class AttributeRules
{
    public static void Check(DestinationDescriptor destination, IReadOnlyCollection<string> attributes, string path, ProblemList problems)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(attributes);
        var name = destination.DisplayName;
        var chosen = attributes.Select(a => a.Trim().ToLowerInvariant()).ToHashSet();

        var refused = chosen.Where(a => !destination.Accepts(a)).Order(StringComparer.Ordinal).ToList();
        if (refused.Count > 0)
        {
            var accepts = destination.Known.ToList();
            problems.Error($"{path}.attributes", accepts.Count == 1
                ? $"{name} accepts only {accepts[0]}; remove {Join(refused)}."
                : $"{name} accepts only {Join(accepts)}; remove {Join(refused)}.");
        }

        var missing = destination.Required.Where(r => !chosen.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            problems.Error($"{path}.attributes", $"{name} needs {Join(missing, "and")}; add {(missing.Count == 1 ? "it" : "them")}.");
        }

        if (destination.ExactlyOneOf.Count > 0)
        {
            var picked = destination.ExactlyOneOf.Where(chosen.Contains).ToList();
            if (picked.Count != 1)
            {
                problems.Error($"{path}.attributes", picked.Count == 0
                    ? $"{name} needs exactly one of {Join(destination.ExactlyOneOf)}; add one."
                    : $"{name} takes exactly one of {Join(destination.ExactlyOneOf)}, never both in one list; send {Join(picked, "and")} to separate destinations.");
            }
        }

        if (destination.Kind == DestinationKind.MetaAds && !chosen.Overlaps(["email", "phone", "idfa", "aaid", "customer_id"]))
        {
            problems.Error($"{path}.attributes", "Meta Ads needs at least one identifier: email, phone, idfa, aaid or customer_id.");
        }
    }

    private static string Join(IReadOnlyList<string> items, string last = "or") =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} {last} {items[^1]}";
}
