using CampaignBot.Core.Triggers;

namespace CampaignBot.Core.Campaigns;

// The campaign as a user writes it (REST JSON, chat wizard). Everything is optional and loosely typed so
// that validation can report every mistake with its path instead of failing on the first bad field.

public sealed record CampaignDraft
{
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>"one-time", "recurring", "multi-channel" or "triggered".</summary>
    public string? Type { get; init; }

    public AudienceDraft? Audience { get; init; }

    public IReadOnlyList<SubAudienceDraft>? SubAudiences { get; init; }

    public ScheduleDraft? Schedule { get; init; }

    /// <summary>The event that sends a triggered campaign; only triggered campaigns have one.</summary>
    public TriggerDraft? Trigger { get; init; }

    /// <summary>Days after each send in which an order counts toward the campaign's results; 7 when omitted.</summary>
    public int? AttributionDays { get; init; }

    /// <summary>"high", "normal" or "low": who wins a customer when frequency caps leave room for only some campaigns; normal when omitted.</summary>
    public string? Priority { get; init; }

    /// <summary>The messages' language as a BCP 47 tag ("en-US", "fr-CA"); destinations may receive it as the "language" attribute.</summary>
    public string? Language { get; init; }

    /// <summary>Seed lists of internal people sent along with every delivery, to all destinations or to those named.</summary>
    public IReadOnlyList<Seeds.SeedListDraft?>? SeedLists { get; init; }
}

public sealed record AudienceDraft
{
    public IReadOnlyList<string?>? Include { get; init; }

    public IReadOnlyList<string?>? Exclude { get; init; }
}

public sealed record SubAudienceDraft
{
    public string? Name { get; init; }

    public string? Segment { get; init; }

    public bool CatchAll { get; init; }

    public decimal? ControlPercent { get; init; }

    public IReadOnlyList<RecipientGroupDraft>? Groups { get; init; }
}

public sealed record RecipientGroupDraft
{
    public string? Name { get; init; }

    public decimal? Percent { get; init; }

    public IReadOnlyList<DestinationDraft>? Destinations { get; init; }
}

public sealed record DestinationDraft
{
    public string? Destination { get; init; }

    /// <summary>Empty means the destination instance's default attributes.</summary>
    public IReadOnlyList<AttributeDraft>? Attributes { get; init; }
}

public sealed record AttributeDraft
{
    public string? Name { get; init; }

    public string? SourceTable { get; init; }
}

public sealed record ScheduleDraft
{
    /// <summary>An IANA zone such as "America/Los_Angeles"; UTC when omitted.</summary>
    public string? TimeZone { get; init; }

    /// <summary>"asap" (the default), an ISO 8601 instant, or a local "yyyy-MM-dd HH:mm" in the campaign's zone.</summary>
    public string? Launch { get; init; }

    /// <summary>"daily", "weekly", "monthly" or "quarterly"; required for recurring campaigns.</summary>
    public string? Cadence { get; init; }

    public string? ExpiresAt { get; init; }

    public QuietHoursDraft? QuietHours { get; init; }
}

public sealed record QuietHoursDraft
{
    /// <summary>24-hour local time, "21:00".</summary>
    public string? Start { get; init; }

    public string? End { get; init; }
}
