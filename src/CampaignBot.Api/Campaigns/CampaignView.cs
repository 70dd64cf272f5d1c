using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.Validation;

namespace CampaignBot.Api.Campaigns;

/// <summary>A campaign as every front end shows it: state, schedule, approval progress and what the reader may do next.</summary>
public sealed record CampaignView
{
    public required Guid Id { get; init; }

    public required int Version { get; init; }

    public required string Name { get; init; }

    public required CampaignStatus Status { get; init; }

    /// <summary>"pending approval": the status as it reads in a sentence.</summary>
    public required string StatusText { get; init; }

    public string? StatusReason { get; init; }

    public required CampaignDraft Draft { get; init; }

    public required string AuthorId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>"Every Monday at 09:00 (Europe/London)".</summary>
    public string? Schedule { get; init; }

    public DateTimeOffset? NextRunAt { get; init; }

    public ApprovalView? Approval { get; init; }

    public IReadOnlyList<ValidationProblem> Warnings { get; init; } = [];

    /// <summary>The actions the person reading may take now, in the lifecycle's words ("submit", "approve").</summary>
    public IReadOnlyList<string> Actions { get; init; } = [];
}

public sealed record ApprovalView
{
    public required Guid RequestId { get; init; }

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

/// <summary>Counts without sending: how the audience splits, and how many approvers it will need.</summary>
public sealed record PreviewView
{
    public required long Audience { get; init; }

    public required long Recipients { get; init; }

    public required long Control { get; init; }

    /// <summary>In the audience but in no sub-audience: reported, never sent.</summary>
    public required long Unmatched { get; init; }

    public required IReadOnlyList<SubAudiencePreview> SubAudiences { get; init; }

    public required int RequiredApprovers { get; init; }

    public required IReadOnlyList<string> ApprovalReasons { get; init; }

    public required IReadOnlyList<ValidationProblem> Warnings { get; init; }
}

public sealed record SubAudiencePreview(string Name, long Members, long Control, IReadOnlyList<GroupPreview> Groups);

public sealed record GroupPreview(string Name, string Percent, long Members, IReadOnlyList<string> Destinations);
