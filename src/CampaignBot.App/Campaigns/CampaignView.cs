using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.Validation;

namespace CampaignBot.App.Campaigns;

/// <summary>A campaign as every front end shows it: state, schedule, approval progress and what the reader may do next.</summary>
public sealed record CampaignView
{
    public required CampaignId Id { get; init; }

    public required int Version { get; init; }

    public required string Name { get; init; }

    public required CampaignStatus Status { get; init; }

    /// <summary>
    /// "pending approval": the status as it reads in a sentence; "interrupted, resuming" for a running campaign whose
    /// run lost its worker (the service died or shut down) until a scheduler resumes it.
    /// </summary>
    public required string StatusText { get; init; }

    public string? StatusReason { get; init; }

    public required CampaignDraft Draft { get; init; }

    public required string AuthorId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>"Every Monday at 09:00 (Europe/London)".</summary>
    public string? Schedule { get; init; }

    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>Days after each send in which an order counts toward the results (7 unless the campaign says otherwise).</summary>
    public int AttributionDays { get; init; } = AttributionRules.DefaultDays;

    /// <summary>The verdict the results last gave (GET …/results or "results" in chat), and when; null until asked.</summary>
    public string? LatestVerdict { get; init; }

    public DateTimeOffset? LatestVerdictAt { get; init; }

    public ApprovalView? Approval { get; init; }

    public IReadOnlyList<ValidationProblem> Warnings { get; init; } = [];

    /// <summary>The actions the person reading may take now, in the lifecycle's words ("submit", "approve").</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];
}

public sealed record ApprovalView
{
    public required Guid RequestId { get; init; }

    /// <summary>Open, Approved, Rejected, Withdrawn, Expired, or Voided: approved, then edited, cancelled or drifted.</summary>
    public required string State { get; init; }

    public required int RequiredApprovers { get; init; }

    public required IReadOnlyList<string> Reasons { get; init; }

    public required long Audience { get; init; }

    public required IReadOnlyList<DecisionView> Decisions { get; init; }

    /// <summary>What changed since the last approved version; null for a first request.</summary>
    public string? Changes { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }
}

public sealed record DecisionView(string PersonId, string PersonName, string Verdict, DateTimeOffset At, string Channel, string? Comment);

/// <summary>
/// Counts without sending: how the include segments narrow to the audience, how it splits, what each
/// (group, destination) would receive, and how many approvers it will need. Every figure is counted in the
/// customer engine when the preview is asked for.
/// </summary>
public sealed record PreviewView
{
    /// <summary>Customers in at least one include segment, before any exclusion or suppression.</summary>
    public required long Included { get; init; }

    /// <summary>
    /// Per exclude segment, the included customers in it. Each segment is counted on its own: a customer in two
    /// exclude segments counts in both, so these may add up to more than <see cref="Excluded"/>.
    /// </summary>
    public required IReadOnlyList<ExclusionPreview> Exclusions { get; init; }

    /// <summary>Included customers in at least one exclude segment, each counted once.</summary>
    public required long Excluded { get; init; }

    /// <summary>
    /// Included customers in no exclude segment but suppressed for every channel (suppressions list entries for
    /// "all", by customer id or email address). Channel-only suppressions show per destination.
    /// </summary>
    public required long Suppressed { get; init; }

    /// <summary>
    /// Included customers neither excluded nor suppressed but in the global holdout (Holdout:Percent): kept out of
    /// every campaign so that all marketing can be measured against them. Zero when there is no holdout.
    /// </summary>
    public long HeldOutGlobally { get; init; }

    /// <summary>Included − Excluded − Suppressed − HeldOutGlobally: one row per customer.</summary>
    public required long Audience { get; init; }

    public required long Recipients { get; init; }

    public required long Control { get; init; }

    /// <summary>In the audience but in no sub-audience: reported, never sent.</summary>
    public required long Unmatched { get; init; }

    public required IReadOnlyList<SubAudiencePreview> SubAudiences { get; init; }

    public required int RequiredApprovers { get; init; }

    public required IReadOnlyList<string> ApprovalReasons { get; init; }

    public required IReadOnlyList<ValidationProblem> Warnings { get; init; }

    /// <summary>Seed list people sent along with the deliveries, each once; never in <see cref="Recipients"/>.</summary>
    public int Seeds { get; init; }
}

public sealed record ExclusionPreview(string Segment, long Removed);

public sealed record SubAudiencePreview(string Name, long Members, long Control, IReadOnlyList<GroupPreview> Groups);

/// <param name="Destinations">The destination names, in the campaign's order (kept for existing clients).</param>
/// <param name="Deliveries">What each of those destinations would receive, in the same order.</param>
public sealed record GroupPreview(string Name, string Percent, long Members, IReadOnlyList<string> Destinations, IReadOnlyList<DeliveryPreview> Deliveries);

/// <summary>
/// One (group, destination): Members − Suppressed − Capped − the missing rows = Deliverable. Missing identifiers are
/// counted by null or blank columns only; a value in the wrong format (an email without "@", a phone number
/// libphonenumber rejects) is only found when the run shapes the row, so the run's own drops may be higher.
/// </summary>
/// <param name="Kind">The destination kind ("Klaviyo", "Attentive", "LocalFolder").</param>
/// <param name="Suppressed">Group members suppressed for this destination's channel only (email for Klaviyo and Listrak, sms or email for Attentive).</param>
/// <param name="Missing">Rows the run would drop for lacking a required identifier, by the run's drop reasons; each row under the first it fails.</param>
/// <param name="Capped">Members not suppressed but already at the frequency cap of the destination's channel: not sent this time.</param>
/// <param name="Cap">The cap that applies ("email cap: 2 deliveries in 7 days"); null when the channel is not capped.</param>
public sealed record DeliveryPreview(string Destination, string Kind, long Suppressed, long Deliverable, IReadOnlyList<MissingPreview> Missing, long Capped = 0, string? Cap = null)
{
    /// <summary>Seed list people this destination also receives in every batch ("+3 seeds"); not in <see cref="Deliverable"/>.</summary>
    public int Seeds { get; init; }
}

/// <param name="Reason">The run's drop reason: NoValidEmail, NoValidPhone or NoIdentifier (as in a run's Dropped).</param>
public sealed record MissingPreview(string Reason, long Rows);
