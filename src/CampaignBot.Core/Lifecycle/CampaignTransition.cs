namespace CampaignBot.Core.Lifecycle;

/// <summary>
/// What an allowed move does: the status it lands in, the effects on the other lifecycle fields, and the line the
/// audit keeps. Only <see cref="CampaignLifecycle.Decide"/> makes one, so a campaign's lifecycle fields can only
/// change the way the lifecycle decided.
/// </summary>
public sealed record CampaignTransition
{
    internal CampaignTransition(CampaignAction action, CampaignStatus from, CampaignStatus to, IReadOnlyList<LifecycleEffect> effects, string? detail)
    {
        Action = action;
        From = from;
        To = to;
        Effects = effects;
        Detail = detail;
    }

    /// <summary>The action as the audit records it (placing a campaign with no occurrence left expires it).</summary>
    public CampaignAction Action { get; }

    public CampaignStatus From { get; }

    public CampaignStatus To { get; }

    public IReadOnlyList<LifecycleEffect> Effects { get; }

    /// <summary>The audit entry's detail: the comment, the next run, the run that ended.</summary>
    public string? Detail { get; }
}

/// <summary>What the lifecycle makes of a move: the transition, or a sentence saying why it may not happen.</summary>
public abstract record TransitionResult
{
    private TransitionResult()
    {
    }

    public sealed record Allowed(CampaignTransition Transition) : TransitionResult;

    public sealed record Refused(string Reason) : TransitionResult;
}
