using CampaignBot.App.Approvals;
using CampaignBot.App.Audit;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Runs;
using CampaignBot.App.Storage;
using CampaignBot.App.Triggers;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.Scheduling;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Scheduling;

/// <summary>
/// One pass of the scheduler: expire and remind approval requests, place approved campaigns on their schedule,
/// start due occurrences, and take over runs whose worker died. Any number of schedulers may share one
/// database: an occurrence's run id is derived from (campaign, slot) and claimed in a transaction, so only one
/// of them ever starts it.
/// </summary>
public sealed partial class CampaignScheduler(
    AppDatabase database,
    CampaignStore campaigns,
    RunStore runs,
    AuditLog audit,
    CampaignResolver resolver,
    CampaignTransitions transitions,
    ApprovalService approvals,
    RunPipeline pipeline,
    TriggerPasses triggers,
    IOptions<SchedulerOptions> options,
    TimeProvider clock,
    ILogger<CampaignScheduler> logger)
{
    /// <summary>Identifies this scheduler in run leases; unique per process.</summary>
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}"[..^24];

    /// <summary>Runs one pass and returns the runs it started, so callers (and tests) can await them.</summary>
    public async Task<IReadOnlyList<Task>> TickAsync(int freeWorkers, CancellationToken cancellationToken)
    {
        await approvals.RemindAndExpireAsync(cancellationToken);
        PlaceApproved();
        var started = new List<Task>();
        // Take no more than there are free workers: a run taken and not started would wait out its lease. Interrupted
        // runs come first: they were due before anything due now.
        var resumed = TakeOverOrphans(freeWorkers);
        foreach (var runId in resumed.Concat(await ClaimDueAsync(freeWorkers - resumed.Count, cancellationToken)))
        {
            started.Add(RunAsync(runId, cancellationToken));
        }

        return started;
    }

    // The pipeline writes only the run; a run it held because the audience drifted goes to the approvers from here.
    private async Task RunAsync(string runId, CancellationToken cancellationToken)
    {
        if (await pipeline.ExecuteAsync(runId, Instance, cancellationToken) is { } held)
        {
            await approvals.RequestReapprovalAsync(held.CampaignId, held.Campaign, held.Recipients, held.Drift, cancellationToken);
        }
    }

    // Approved campaigns and those back from a run or a pause get their next occurrence, or finish when none is left.
    private void PlaceApproved()
    {
        var now = clock.GetUtcNow();
        foreach (var campaign in campaigns.InStatus(CampaignStatus.Approved, CampaignStatus.Scheduled).Where(c => c.NextSlot is null))
        {
            Replan(campaign, now);
        }
    }

    // Due campaigns are planned again before they are claimed: after downtime a later slot may be due too, and only
    // the latest of them runs. A paused run keeps its own slot so it continues rather than starting over.
    private async Task<List<string>> ClaimDueAsync(int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = new List<string>();
        var gate = new PriorityGate(resolver, PriorityGate.Running(campaigns));
        foreach (var campaign in gate.InOrder(campaigns.InStatus(CampaignStatus.Scheduled).Where(c => c.NextRunAt <= now)))
        {
            if (claimed.Count >= limit)
            {
                break;
            }

            if (gate.Blocker(campaign) is { } blocker)
            {
                LogWaitsForCap(campaign.Id, blocker.Id);
                continue;
            }

            var resumesPausedRun = runs.Get(RunRecord.IdFor(campaign.Id, campaign.NextSlot!.Value))?.Status == RunStatus.Paused;
            if (!resumesPausedRun && await triggers.WaitsForEventsAsync(campaign, gate.DefinitionOf(campaign), cancellationToken))
            {
                continue;
            }

            var slot = resumesPausedRun ? campaign.NextSlot : Replan(campaign, now) is { RunAt: var runAt, Slot: var next } && runAt <= now ? next : null;
            if (slot is not null && TryClaim(campaign.Id, slot.Value, now) is { } runId)
            {
                claimed.Add(runId);
                gate.Started(campaign);
            }
        }

        return claimed;
    }

    // Places the campaign on its next occurrence when that moved, or expires it when none is left; returns the occurrence.
    private ScheduledOccurrence? Replan(CampaignRecord campaign, DateTimeOffset now)
    {
        if (resolver.Resolve(campaign).Value?.Definition.Schedule is not { } schedule)
        {
            LogUnresolvable(campaign.Id);
            return null;
        }

        transitions.ApplyAsScheduler(campaign.Id, new CampaignMove.Place(schedule), at: now);
        return CampaignOccurrences.Next(campaign.Lifecycle, schedule, now);
    }

    // The check and the claim are one transaction: a second scheduler finds the campaign already running, or the run id taken.
    private string? TryClaim(CampaignId campaignId, DateTimeOffset slot, DateTimeOffset now) =>
        database.Write(() =>
        {
            if (campaigns.Get(campaignId) is not { Status: CampaignStatus.Scheduled } campaign || campaign.NextSlot != slot || campaign.NextRunAt > now)
            {
                return null;
            }

            var runId = RunRecord.IdFor(campaignId, slot);
            var lease = now + options.Value.LeaseDuration;
            if (runs.Get(runId) is { } existing)
            {
                // A paused run of this occurrence continues where it stopped; a finished one is never started twice.
                if (existing.Status != RunStatus.Paused)
                {
                    return null;
                }

                existing.Status = RunStatus.Running;
                existing.Owner = Instance;
                existing.LeaseUntil = lease;
                existing.Attempts++;
                runs.TryUpdate(existing, existing.Version);
            }
            else if (!runs.TryInsert(new RunRecord
            {
                Id = runId,
                CampaignId = campaignId,
                CampaignName = campaign.Name,
                Slot = slot,
                Status = RunStatus.Running,
                Owner = Instance,
                LeaseUntil = lease,
                Attempts = 1,
                StartedAt = now,
                SendHistoryStarted = [],
            }))
            {
                return null;
            }

            var started = transitions.ApplyAsScheduler(campaignId, new CampaignMove.Start(slot, runId, Instance), at: now);
            return started.IsOk ? runId : throw new InvalidOperationException($"Campaign {campaignId} changed inside its own claim transaction.");
        });

    // Runs still marked running whose lease ran out belong to a worker that died or shut down (or, without an owner,
    // were handed back for a retry); resume them here.
    private List<string> TakeOverOrphans(int limit)
    {
        var now = clock.GetUtcNow();
        var taken = new List<string>();
        foreach (var orphan in runs.InStatus(RunStatus.Running).Where(r => r.LeaseUntil <= now).OrderBy(r => r.LeaseUntil))
        {
            if (taken.Count >= limit)
            {
                break;
            }

            var took = database.Write(() =>
            {
                if (runs.Get(orphan.Id) is not { Status: RunStatus.Running } run || run.LeaseUntil > now)
                {
                    return false;
                }

                var previous = run.Owner;
                run.Owner = Instance;
                run.LeaseUntil = now + options.Value.LeaseDuration;
                run.Attempts++;
                runs.TryUpdate(run, run.Version);
                audit.Add(new AuditEntry
                {
                    CampaignId = run.CampaignId, At = now, Actor = AuditLog.SchedulerActor, Channel = "scheduler", Action = "Resume run",
                    Detail = string.IsNullOrEmpty(previous)
                        ? $"Run {run.Id} taken up on {Instance}"
                        : $"Run {run.Id} taken over from {previous} on {Instance} after its lease ran out; it continues after its last delivered batch",
                });
                return true;
            });
            if (took)
            {
                taken.Add(orphan.Id);
            }
        }

        return taken;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Campaign {CampaignId} is due but waits for campaign {Running}, which is sending on a capped channel they share")]
    private partial void LogWaitsForCap(CampaignId campaignId, CampaignId running);

    [LoggerMessage(Level = LogLevel.Error, Message = "Campaign {CampaignId} is approved but no longer resolves; it is left unscheduled")]
    private partial void LogUnresolvable(CampaignId campaignId);
}
