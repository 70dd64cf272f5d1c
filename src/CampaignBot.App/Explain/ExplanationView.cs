using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;

namespace CampaignBot.App.Explain;

/// <summary>
/// Why one customer is or is not in a campaign, step by step as the audience build and a run decide it. Carries
/// attribute names and whether values are usable, never the values themselves.
/// </summary>
public sealed record ExplanationView
{
    public required CampaignId CampaignId { get; init; }

    public required string Campaign { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>"id" or "email": how the customer the asker named was found.</summary>
    public required string MatchedBy { get; init; }

    /// <summary>One or two sentences a chat reply can show as they are.</summary>
    public required string Summary { get; init; }

    /// <summary>Union of includes, minus excludes, minus global suppressions.</summary>
    public required bool InAudience { get; init; }

    public required IReadOnlyList<SegmentCheck> Include { get; init; }

    public required IReadOnlyList<SegmentCheck> Exclude { get; init; }

    public required SuppressionCheck Suppression { get; init; }

    /// <summary>Whether the customer is in the global holdout; null when Holdout:Percent is 0.</summary>
    public HoldoutCheck? Holdout { get; init; }

    /// <summary>In match order; the one the customer belongs to has <see cref="SubAudienceCheck.Chosen"/>.</summary>
    public required IReadOnlyList<SubAudienceCheck> SubAudiences { get; init; }

    /// <summary>Where a run places the customer; null when not in the audience or no sub-audience matched.</summary>
    public required PlacementView? Placement { get; init; }

    /// <summary>The placed recipient group's destinations; empty for control, unmatched and customers outside the audience.</summary>
    public required IReadOnlyList<DestinationCheck> Destinations { get; init; }

    /// <summary>The campaign's latest run, if it has one.</summary>
    public required LastRunView? LastRun { get; init; }
}

public sealed record SegmentCheck(string Segment, bool Member);

/// <param name="Global">On an opt-out list for every channel: out of the audience.</param>
/// <param name="Channels">Channel lists (email, sms) the campaign's destinations honour; suppressed there means not sent there.</param>
public sealed record SuppressionCheck(bool Global, IReadOnlyList<ChannelSuppression> Channels);

public sealed record ChannelSuppression(string Channel, bool Suppressed);

/// <param name="Percent">The share of all customers held out of every campaign.</param>
/// <param name="HeldOut">The customer is in the global holdout: out of the audience of every campaign.</param>
public sealed record HoldoutCheck(decimal Percent, bool HeldOut);

/// <param name="Segment">The sub-audience's segment; null for the catch-all.</param>
/// <param name="CriteriaMatched">Whether the segment matches the customer; null for the catch-all, which takes anyone left.</param>
/// <param name="Chosen">The first match (or the catch-all), where the customer belongs.</param>
public sealed record SubAudienceCheck(string Name, string? Segment, bool IsCatchAll, bool? CriteriaMatched, bool Chosen);

/// <param name="Group">The recipient group's name, or "Control".</param>
/// <param name="IsControl">Held out: recorded, never sent.</param>
/// <param name="Bucket">The sticky split bucket (0..9999) of (campaign, customer).</param>
public sealed record PlacementView(string SubAudience, string Group, bool IsControl, int Bucket);

public enum DestinationOutcome
{
    /// <summary>A run would send the customer's row.</summary>
    WouldReceive,

    /// <summary>The row lacks an identifier the destination requires.</summary>
    Dropped,

    /// <summary>Suppressed on the destination's channel list.</summary>
    Suppressed,

    /// <summary>Already at the frequency cap of the destination's channel: not sent this time.</summary>
    Capped,
}

/// <param name="DropReason">Why the row is dropped, as a run counts it; null unless <paramref name="Outcome"/> is Dropped.</param>
/// <param name="Reason">The outcome in words.</param>
/// <param name="LastRun">What the latest run did for this group and destination; null when there is no run.</param>
/// <param name="Cap">The frequency cap of the destination's channel and the customer's sends it counts; null when uncapped.</param>
public sealed record DestinationCheck(
    string Destination,
    DestinationKind Kind,
    DestinationOutcome Outcome,
    DropReason? DropReason,
    string Reason,
    string? SuppressionChannel,
    IReadOnlyList<AttributeCheck> Attributes,
    LastRunDelivery? LastRun,
    FrequencyCapView? Cap = null);

/// <param name="Rule">The cap in words: "email cap: 2 deliveries in 7 days".</param>
/// <param name="Had">The customer's recipient sends on the channel within the window, across all campaigns.</param>
/// <param name="MaxDeliveries">At this many, the customer is capped.</param>
public sealed record FrequencyCapView(string Rule, long Had, int MaxDeliveries)
{
    public bool Capped => Had >= MaxDeliveries;

    /// <summary>
    /// When capped, the campaigns whose sends took the customer's slots, latest first, with their priority:
    /// "'Flash sale' (high priority)". Sends of campaigns no longer stored are left out.
    /// </summary>
    public IReadOnlyList<string> TakenBy { get; init; } = [];

    // Records compare lists by reference; two views are equal when their names are.
    public bool Equals(FrequencyCapView? other) =>
        other is not null && Rule == other.Rule && Had == other.Had && MaxDeliveries == other.MaxDeliveries && TakenBy.SequenceEqual(other.TakenBy);

    public override int GetHashCode() => HashCode.Combine(Rule, Had, MaxDeliveries, TakenBy.Count);

    /// <summary>"email cap: 2 deliveries in 7 days; had 2", then who took the slots when known.</summary>
    public override string ToString() =>
        $"{Rule}; had {Had.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        + (TakenBy.Count == 0 ? "" : $"; {(TakenBy.Count == 1 ? "the slot went to" : "the slots went to")} {string.Join(", ", TakenBy)}");
}

/// <param name="Field">The name the destination receives it under.</param>
/// <param name="Present">The customer has a value.</param>
/// <param name="Valid">The value survives the destination's normalization (a parseable phone, a well-formed email).</param>
public sealed record AttributeCheck(string Attribute, string Field, bool Present, bool Valid);

public sealed record LastRunView(string RunId, DateTimeOffset Slot, RunStatus Status);

/// <param name="Status">The delivery's status in the run; null when the run never reached its deliveries.</param>
/// <param name="CustomerInDeliveredBatch">
/// Whether a batch the destination accepted spans the customer's id (batches go out in id order). A dropped row
/// falls inside a span without being sent, so read it together with the outcome.
/// </param>
public sealed record LastRunDelivery(DeliveryStatus? Status, bool CustomerInDeliveredBatch, string Reason);
