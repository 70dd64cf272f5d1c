using CampaignBot.Core.Text;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Core.Destinations;
using CampaignBot.App.Application;
using CampaignBot.App.Audit;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Storage;
using CampaignBot.Core.Lifecycle;
using CampaignBot.Core.People;

namespace CampaignBot.App.Runs;

/// <summary>Reading runs, and sending a finished run's failed deliveries again.</summary>
public sealed class RunService(
    AppDatabase database, RunStore runs, CampaignStore campaigns, CampaignTransitions transitions, AuditLog audit, SchedulerSignal scheduler,
    IReadOnlyList<DestinationInstance> destinations, TimeProvider clock)
{
    public ServiceResult<IReadOnlyList<RunView>> ForCampaign(Guid campaignId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<IReadOnlyList<RunView>>(Operation.ReadRuns) is { } refused)
        {
            return refused;
        }

        return campaigns.Get(campaignId) is null
            ? CampaignService.NotFound<IReadOnlyList<RunView>>(campaignId)
            : runs.ForCampaign(campaignId).Select(r => View(r, CanRetry(r, actor.Person))).ToList();
    }

    public ServiceResult<RunView> Get(string runId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<RunView>(Operation.ReadRuns) is { } refused)
        {
            return refused;
        }

        return runs.Get(runId) is { } run ? View(run, CanRetry(run, actor.Person)) : new ServiceResult<RunView>.NotFound($"There is no run {runId}.");
    }

    /// <summary>
    /// Marks the failed deliveries pending (only those to <paramref name="destination"/>, when given) and hands the
    /// run back to the scheduler, which resumes each after its last delivered batch; what was delivered is not sent again.
    /// </summary>
    public ServiceResult<RunView> Retry(string runId, Actor actor, string? destination = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<RunView>(Operation.RetryDeliveries) is { } refused)
        {
            return refused;
        }

        var result = database.Write<ServiceResult<RunView>>(() =>
        {
            if (runs.Get(runId) is not { } run)
            {
                return new ServiceResult<RunView>.NotFound($"There is no run {runId}.");
            }

            if (run.Status is not (RunStatus.Failed or RunStatus.PartiallyFailed) || !run.Deliveries.Exists(d => d.Status == DeliveryStatus.Failed))
            {
                return new ServiceResult<RunView>.Conflict($"Run {runId} is {run.Status}; only a failed or partially failed run has deliveries to retry.");
            }

            var now = clock.GetUtcNow();
            var failed = run.Deliveries
                .Where(d => d.Status == DeliveryStatus.Failed && (destination is null || string.Equals(d.Destination, destination, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (failed.Count == 0)
            {
                return new ServiceResult<RunView>.Conflict($"Run {runId} has no failed deliveries to {destination}.");
            }

            foreach (var delivery in failed)
            {
                if (delivery.Failure == FailureKind.Shortfall)
                {
                    // Everything was sent but not all of it arrived: send it all again. Batches keep their numbers,
                    // so each replaces itself at the destination rather than adding a copy.
                    runs.ForgetBatches(run.Id, delivery.Key);
                    delivery.Cursor = null;
                    delivery.Batches = 0;
                    delivery.Rows = 0;
                    delivery.Rejected = 0;
                    delivery.Dropped.Clear();
                    delivery.Reported = null;
                }

                delivery.Status = DeliveryStatus.Pending;
                delivery.Error = null;
                delivery.Failure = null;
            }

            run.Errors.Clear();
            run.Status = RunStatus.Running;
            run.FinishedAt = null;
            // No owner and no lease: free for the next scheduler pass to take up, and not read as interrupted meanwhile.
            run.Owner = null;
            run.LeaseUntil = now;
            runs.TryUpdate(run, run.Version);
            if (campaigns.Get(run.CampaignId) is { } campaign && CampaignLifecycle.Check(campaign.Status, CampaignAction.Retry).IsAllowed)
            {
                transitions.Apply(campaign.Id, null, new CampaignMove.Retry(runId, failed.Count), actor);
            }
            else
            {
                // A recurring campaign already waiting for its next run stays where it is; only the run goes again.
                audit.Add(new AuditEntry { CampaignId = run.CampaignId, At = now, Actor = actor.Person.Id, Channel = actor.Channel, Action = "Retry", Detail = $"Run {runId}: {Counted.Of(failed.Count, "delivery")}" });
            }

            return View(run, canRetry: false);
        });
        scheduler.Wake();
        return result;
    }

    private static bool CanRetry(RunRecord run, Person person) =>
        Permissions.Allows(person, Operation.RetryDeliveries) && run.Status is RunStatus.Failed or RunStatus.PartiallyFailed && run.Deliveries.Exists(d => d.Status == DeliveryStatus.Failed);

    private RunView View(RunRecord run, bool canRetry) =>
        RunView.Of(run, canRetry, name => destinations.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)), clock.GetUtcNow());
}
