using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Triggers;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Events;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Triggers;

/// <summary>
/// What makes a run of a triggered campaign a pass: it starts only when an event waits, it first takes the waiting
/// events (<see cref="TriggerClaims"/>), and its audience is narrowed to their customers outside the cooldown. Leases,
/// heartbeats, resumable batches, alerts and results are the run pipeline's, as for any campaign.
/// </summary>
public sealed class TriggerPasses(TriggerClaims claims, RunStore runs, IOptions<TriggerOptions> options, TimeProvider clock)
{
    /// <summary>The schedule a triggered campaign runs on: a pass every Triggers:PollInterval; other campaigns' unchanged.</summary>
    public static CampaignDefinition WithPasses(CampaignDefinition definition, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.IsTriggered ? definition with { Schedule = definition.Schedule with { Every = pollInterval } } : definition;
    }

    /// <summary>
    /// True when <paramref name="campaign"/> is triggered, due, and no event waits for it: the scheduler leaves it
    /// where it is (no run, nothing audited) and looks again next time. An expired one is not waiting: placing it expires it.
    /// </summary>
    public async Task<bool> WaitsForEventsAsync(CampaignRecord campaign, CampaignDefinition? definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (definition?.Trigger is not { } trigger)
        {
            return false;
        }

        if (definition.Schedule.ExpiresAt is { } expiry && expiry <= clock.GetUtcNow())
        {
            return false;
        }

        return !await claims.AnyWaitingAsync(campaign.Id.ToString(), trigger, Since(campaign), runs.EndedBeforeCounting(campaign.Id), cancellationToken);
    }

    /// <summary>
    /// Binds the waiting events to the pass; a resumed pass keeps its own and takes any that came since it first looked.
    /// Events held by a pass that ended before counting its audience (it failed, so nothing was sent for them) wait again.
    /// </summary>
    public Task<long> ClaimAsync(RunRecord run, CampaignRecord campaign, CampaignTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(campaign);
        return claims.ClaimAsync(campaign.Id.ToString(), run.Id, trigger, Since(campaign), clock.GetUtcNow(), runs.EndedBeforeCounting(campaign.Id), cancellationToken);
    }

    /// <summary>The pass's audience: the customers of its events, minus those reached within the cooldown before the pass began.</summary>
    public AudienceRequest Scope(AudienceRequest request, RunRecord run, CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(definition);
        if (!definition.IsTriggered)
        {
            return request;
        }

        var cooldown = options.Value.Cooldown;
        return request with { Trigger = new TriggerScope(run.CampaignId.ToString(), run.Id, cooldown > TimeSpan.Zero ? run.StartedAt - cooldown : null) };
    }

    // Events count from when the campaign went live: its approval, or its launch time when that is later.
    private static DateTimeOffset Since(CampaignRecord campaign)
    {
        var approved = campaign.ApprovedAt ?? campaign.CreatedAt;
        return campaign.Anchor is { } anchor && anchor > approved ? anchor : approved;
    }
}
