using CampaignBot.Core.Approvals;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.CrossCampaign;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Seeds;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Segments;

namespace CampaignBot.App.Campaigns;

/// <summary>
/// A campaign with every name looked up: segments bound to SQL filters, destinations to configured instances,
/// attributes to columns. What previews count, approvers fingerprint and runs send.
/// </summary>
public sealed record ResolvedCampaign
{
    public required CampaignId Id { get; init; }

    public required CampaignDefinition Definition { get; init; }

    public required IReadOnlyList<BoundFilter> Include { get; init; }

    public required IReadOnlyList<BoundFilter> Exclude { get; init; }

    /// <summary>In match order; null for the catch-all.</summary>
    public required IReadOnlyList<BoundFilter?> SubAudienceFilters { get; init; }

    public required SplitPlan Plan { get; init; }

    public required IReadOnlyList<ResolvedDelivery> Deliveries { get; init; }

    public required CampaignSnapshot Snapshot { get; init; }

    /// <summary>Warnings worth showing the author (default group names, single-channel multi-channel…).</summary>
    public required IReadOnlyList<ValidationProblem> Warnings { get; init; }

    /// <summary>Customers held out of every campaign (Holdout:Percent); null when there is none.</summary>
    public GlobalHoldout? Holdout { get; init; }

    public AudienceRequest AudienceRequest(DateOnly today, string? suppressionChannel = null) => new()
    {
        SplitKey = Id.ToString(),
        Include = Include,
        Exclude = Exclude,
        SubAudiences = SubAudienceFilters,
        Plan = Plan,
        SuppressionChannel = suppressionChannel,
        Holdout = Holdout,
        Today = today,
    };

    /// <summary>
    /// What one delivery streams: its channel's suppressions apply, and customers at its channel's frequency cap as of
    /// <paramref name="now"/> are left out; the sends of <paramref name="runId"/> itself do not count.
    /// </summary>
    public AudienceRequest DeliveryRequest(ResolvedDelivery delivery, DateOnly today, DateTimeOffset now, string? runId)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return AudienceRequest(today, delivery.SuppressionChannel) with { Cap = delivery.CapAt(now, runId) };
    }
}

/// <summary>One (recipient group, destination): what to stream from the engine and how to shape it.</summary>
public sealed record ResolvedDelivery
{
    public required GroupSlot Slot { get; init; }

    public required string SubAudienceName { get; init; }

    public required string GroupName { get; init; }

    public required DestinationInstance Instance { get; init; }

    /// <summary>The attributes as the destination receives them, in order.</summary>
    public required IReadOnlyList<string> Attributes { get; init; }

    /// <summary>The engine columns to read: the attributes, then the country when phones need a region.</summary>
    public required IReadOnlyList<AttributeColumn> Columns { get; init; }

    public bool ReadsCountry => Columns.Count > Attributes.Count;

    public string Key => $"{Slot.SubAudience}.{Slot.Group}.{Instance.Name}";

    /// <summary>The channel the destination reaches customers through, as the send history records it.</summary>
    public string Channel => SendChannel.Of(Instance.Kind);

    /// <summary>The frequency cap on <see cref="Channel"/>; null when the channel is not capped.</summary>
    public FrequencyCap? Cap { get; init; }

    /// <summary>The cap as of <paramref name="now"/>, not counting <paramref name="runId"/>'s own sends; null when uncapped.</summary>
    public FrequencyCapCheck? CapAt(DateTimeOffset now, string? runId = null) => Cap is null ? null : new FrequencyCapCheck(Cap, now, runId);

    /// <summary>Whose opt-outs apply besides the global ones: email lists for email tools, SMS for texts.</summary>
    public string? SuppressionChannel => Instance.Kind switch
    {
        DestinationKind.Klaviyo or DestinationKind.Listrak => "email",
        DestinationKind.Attentive => Attributes.Contains("phone", StringComparer.OrdinalIgnoreCase) ? "sms" : "email",
        _ => null,
    };

    /// <summary>The seed list people this delivery sends along with every batch; never recipients (docs/lifecycle.md, Seed lists).</summary>
    public IReadOnlyList<SeedEntry> Seeds { get; init; } = [];

    /// <summary>The campaign's language, which the run writes into a "language" attribute (its column is a stand-in).</summary>
    public CampaignLanguage? Language { get; init; }

    /// <summary>The positions in a row whose engine column is a stand-in for the campaign's language; worked out once, not per row.</summary>
    public IReadOnlyList<int> LanguagePositions { get; init; } = [];

    /// <summary>Writes the campaign's own values (its language) over the stand-in columns of a row read from the engine.</summary>
    public void FillCampaignValues(object?[] values) => LanguageAttribute.Fill(LanguagePositions, Language, values);
}
