namespace CampaignBot.Core.Destinations;

/// <summary>A row is dropped for <see cref="Reason"/> when none of <see cref="AnyOf"/> has a value.</summary>
public sealed record IdentifierRequirement(DropReason Reason, IReadOnlyList<string> AnyOf);

/// <summary>
/// The identifier checks <see cref="RowShaper"/> drops rows by, in the order it applies them, so a count made
/// elsewhere (the preview, in SQL) attributes each row to the same single reason the run records.
/// </summary>
public static class IdentifierRequirements
{
    /// <summary>The attributes that identify a customer to Meta Ads; a row needs at least one of them.</summary>
    public static IReadOnlySet<string> MetaIdentifiers { get; } = new HashSet<string>(["email", "phone", "idfa", "aaid", "customer_id"]);

    /// <param name="attributes">The attributes sent to the destination, in the order the run shapes them.</param>
    public static IReadOnlyList<IdentifierRequirement> For(DestinationDescriptor destination, IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(attributes);
        var chosen = attributes.Select(a => a.Trim().ToLowerInvariant()).ToList();
        var requirements = chosen
            .Where(a => destination.Required.Contains(a) || destination.ExactlyOneOf.Contains(a))
            .Select(a => new IdentifierRequirement(a == "phone" ? DropReason.NoValidPhone : DropReason.NoValidEmail, [a]))
            .ToList();
        if (destination.Kind == DestinationKind.MetaAds)
        {
            requirements.Add(new IdentifierRequirement(DropReason.NoIdentifier, chosen.Where(MetaIdentifiers.Contains).Distinct().ToList()));
        }

        return requirements;
    }
}
