using CampaignBot.Core.Audiences;
using CampaignBot.Core.CrossCampaign;
using CampaignBot.Customers.Events;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Segments;

namespace CampaignBot.Customers.Audiences;

/// <summary>
/// Everything the engine needs to build, place and return one campaign audience: the union of the
/// include segments minus anyone in an exclude segment, suppressed or in the global holdout, first-match
/// sub-audiences, and the sticky split.
/// </summary>
public sealed record AudienceRequest
{
    /// <summary>The campaign id in "D" form: the splitter's key.</summary>
    public required string SplitKey { get; init; }

    public required IReadOnlyList<BoundFilter> Include { get; init; }

    public IReadOnlyList<BoundFilter> Exclude { get; init; } = [];

    /// <summary>One filter per sub-audience in match order; null marks the catch-all (last).</summary>
    public required IReadOnlyList<BoundFilter?> SubAudiences { get; init; }

    public required SplitPlan Plan { get; init; }

    /// <summary>Suppressions for this channel apply as well as those for "all"; null applies only "all".</summary>
    public string? SuppressionChannel { get; init; }

    /// <summary>Customers held out of every campaign, before sub-audiences; null when there is no holdout.</summary>
    public GlobalHoldout? Holdout { get; init; }

    /// <summary>
    /// For one delivery's stream: customers already at the cap of the destination's channel are left out. Null for
    /// counting, control groups and uncapped channels.
    /// </summary>
    public FrequencyCapCheck? Cap { get; init; }

    /// <summary>For one pass of a triggered campaign: only the customers whose events it took; null for every other audience.</summary>
    public TriggerScope? Trigger { get; init; }

    /// <summary>
    /// The run's audience as stored once (<see cref="RunAudiences.StoreAsync"/>): placement is read from it rather than
    /// built again, with the channel's suppression flag and the cap applied on top. Null builds the audience.
    /// </summary>
    public RunAudience? Snapshot { get; init; }

    /// <summary>The date relative segment conditions ("in last 90 days") count back from.</summary>
    public required DateOnly Today { get; init; }
}

/// <summary>An attribute to return with each member, from merged_customers unless another table is named.</summary>
public sealed record AttributeColumn(CustomerTable Table, CustomerColumn Column)
{
    public string Name => Column.Name;
}
