using CampaignBot.App.Storage;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Runs;

/// <summary>
/// Writes a run's progress, only while the writer still holds the run: each write checks the owner, renews
/// the lease and commits with whatever else belongs to it (a delivered batch) in one transaction.
/// </summary>
public sealed class RunLedger(AppDatabase database, RunStore runs, TimeProvider clock, IOptions<SchedulerOptions> options)
{
    /// <returns>The run as saved, or null when another scheduler has taken it over (the caller must stop).</returns>
    public RunRecord? Update(string runId, string owner, Action<RunRecord> change, Action? alongside = null) =>
        database.Write(() =>
        {
            if (runs.Get(runId) is not { } run || run.Owner != owner || run.Status != RunStatus.Running)
            {
                return null;
            }

            change(run);
            if (run.Status == RunStatus.Running)
            {
                run.LeaseUntil = clock.GetUtcNow() + options.Value.LeaseDuration;
            }

            alongside?.Invoke();
            return runs.TryUpdate(run, run.Version) ? run : null;
        });

    /// <summary>Commits one delivered batch and its delivery's cursor together, so a resumed run neither repeats nor skips it.</summary>
    public RunRecord? CommitBatch(string runId, string owner, BatchRecord batch, Action<DeliveryRecord> advance) =>
        Update(runId, owner, run => advance(run.Deliveries.Single(d => d.Key == batch.DeliveryKey)), () => runs.AddBatch(batch));

    /// <summary>
    /// Marks a send-history step (<see cref="RunRecord.SendHistoryStarted"/>) as started, before it writes a row.
    /// </summary>
    /// <returns>
    /// True for the step's first attempt (no earlier one can have written its rows), false when an earlier attempt may
    /// have, null when another scheduler has taken the run over.
    /// </returns>
    public bool? StartSendHistory(string runId, string owner, string step)
    {
        var first = false;
        var saved = Update(runId, owner, run =>
        {
            first = run.SendHistoryStarted is { } started && !started.Contains(step);
            if (first)
            {
                run.SendHistoryStarted!.Add(step);
            }
        });
        return saved is null ? null : first;
    }

    public IReadOnlyList<BatchRecord> Batches(string runId, string deliveryKey) =>
        runs.BatchesOf(runId).Where(b => b.DeliveryKey == deliveryKey).ToList();

    /// <summary>Extends the owner's lease; says whether the run is still the owner's and running.</summary>
    public LeaseRenewal Renew(string runId, string owner) =>
        database.Write(() =>
        {
            if (runs.Get(runId) is not { } run)
            {
                return LeaseRenewal.Ended;
            }

            if (run.Owner != owner)
            {
                return LeaseRenewal.Lost;
            }

            if (run.Status != RunStatus.Running)
            {
                return LeaseRenewal.Ended;
            }

            run.LeaseUntil = clock.GetUtcNow() + options.Value.LeaseDuration;
            return runs.TryUpdate(run, run.Version) ? LeaseRenewal.Renewed : LeaseRenewal.Lost;
        });

    /// <summary>Gives the run up without finishing it (shutdown): the lease ends now so the next start resumes it at once.</summary>
    public void Release(string runId, string owner) =>
        database.Write(() =>
        {
            if (runs.Get(runId) is { } run && run.Owner == owner && run.Status == RunStatus.Running)
            {
                run.LeaseUntil = clock.GetUtcNow();
                runs.TryUpdate(run, run.Version);
            }
        });
}

public enum LeaseRenewal
{
    Renewed,

    /// <summary>Another scheduler took the run over: this worker must stop and write nothing more.</summary>
    Lost,

    /// <summary>The run is no longer running (finished, paused, cancelled): nothing left to keep.</summary>
    Ended,
}
