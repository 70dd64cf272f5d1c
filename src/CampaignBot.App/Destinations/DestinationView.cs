using CampaignBot.Core.Destinations;

namespace CampaignBot.App.Destinations;

/// <summary>A configured destination with its kind's rules, so a campaign author can pick attributes that will be accepted.</summary>
public sealed record DestinationView
{
    public required string Name { get; init; }

    public required string Kind { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>False when this build cannot deliver to the kind yet; campaigns naming it are refused.</summary>
    public required bool Available { get; init; }

    public required bool IsFile { get; init; }

    public required IReadOnlyList<string> Required { get; init; }

    /// <summary>Exactly one of these must be sent (Attentive: email or phone, never both).</summary>
    public required IReadOnlyList<string> ExactlyOneOf { get; init; }

    /// <summary>Further attributes accepted; null when any attribute is.</summary>
    public required IReadOnlyList<string>? Optional { get; init; }

    /// <summary>How our attribute names are called at the destination ("given_name" → "first_name").</summary>
    public required IReadOnlyDictionary<string, string> FieldNames { get; init; }

    public required bool HashedSha256 { get; init; }

    /// <summary>Rows per batch at this instance (Attentive over SFTP: a segment file's 500,000, not the API's 10,000).</summary>
    public required int BatchLimit { get; init; }

    public required int NameLimit { get; init; }

    /// <summary>Sent when a campaign does not choose its own attributes.</summary>
    public required IReadOnlyList<string> DefaultAttributes { get; init; }

    public required string DefaultSourceTable { get; init; }

    public static DestinationView Of(DestinationInstance instance, bool available)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var rules = instance.Descriptor;
        return new DestinationView
        {
            Name = instance.Name,
            Kind = instance.Kind.ToString(),
            DisplayName = rules.DisplayName,
            Available = available,
            IsFile = rules.IsFile,
            Required = rules.Required,
            ExactlyOneOf = rules.ExactlyOneOf,
            Optional = rules.Optional,
            FieldNames = rules.FieldNames,
            HashedSha256 = rules.Hashing == IdentifierHashing.Sha256,
            BatchLimit = instance.BatchLimit,
            NameLimit = rules.NameLimit,
            DefaultAttributes = instance.DefaultAttributes,
            DefaultSourceTable = instance.DefaultSourceTable,
        };
    }
}
