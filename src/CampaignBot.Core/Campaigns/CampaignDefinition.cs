using CampaignBot.Core.Scheduling;
using CampaignBot.Core.Triggers;

namespace CampaignBot.Core.Campaigns;

/// <summary>
/// A campaign that passed validation: every name is trimmed and unique where it must be, every percent
/// set adds up to 100, every recipient group has a destination. Built only by <see cref="CampaignValidator"/>.
/// </summary>
public sealed record CampaignDefinition
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required CampaignType Type { get; init; }

    public required AudiencePlan Audience { get; init; }

    /// <summary>In match order: a customer belongs to the first sub-audience whose segment holds them.</summary>
    public required IReadOnlyList<SubAudience> SubAudiences { get; init; }

    public required CampaignSchedule Schedule { get; init; }

    /// <summary>The event that sends a triggered campaign; null for every other type.</summary>
    public CampaignTrigger? Trigger { get; init; }

    /// <summary>Days after each send in which a customer's orders count toward the results (docs/results.md).</summary>
    public int AttributionDays { get; init; } = AttributionRules.DefaultDays;

    public CampaignPriority Priority { get; init; } = CampaignPriority.Normal;

    /// <summary>The messages' language; null when the campaign does not say.</summary>
    public CampaignLanguage? Language { get; init; }

    /// <summary>Seed lists sent along with every delivery (names only: their entries are read when a run sends).</summary>
    public IReadOnlyList<Seeds.SeedListAttachment> SeedLists { get; init; } = [];

    public bool IsRecurring => Schedule.Cadence is not null;

    public bool IsTriggered => Trigger is not null;

    public IEnumerable<RecipientGroup> RecipientGroups => SubAudiences.SelectMany(s => s.Groups);
}

/// <summary>Union of the include segments, minus customers in any exclude segment (OR semantics).</summary>
public sealed record AudiencePlan(IReadOnlyList<string> IncludeSegments, IReadOnlyList<string> ExcludeSegments);

public sealed record SubAudience
{
    public required string Name { get; init; }

    /// <summary>The segment a customer must be in to match; null marks the catch-all, which takes the rest.</summary>
    public string? Segment { get; init; }

    public required Percentage ControlPercent { get; init; }

    public required IReadOnlyList<RecipientGroup> Groups { get; init; }

    public bool IsCatchAll => Segment is null;
}

public sealed record RecipientGroup
{
    public required string Name { get; init; }

    public required Percentage Percent { get; init; }

    public required IReadOnlyList<DestinationAssignment> Destinations { get; init; }
}

/// <summary>A destination instance (by its configured name) and the attributes sent to it.</summary>
public sealed record DestinationAssignment(string Destination, IReadOnlyList<AttributeSelection> Attributes);

/// <summary>An attribute to send; <see cref="SourceTable"/> overrides the destination's default table.</summary>
public sealed record AttributeSelection(string Name, string? SourceTable = null);
