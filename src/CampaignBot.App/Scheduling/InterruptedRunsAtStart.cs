using CampaignBot.App.Audit;
using CampaignBot.App.Runs;
using CampaignBot.App.Storage;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Scheduling;

/// <summary>
/// With <c>Storage:Connection</c> direct, this process is the only one using the LiteDB file, so a run still marked
/// running at start-up was left by a process that is gone (killed, crashed, the machine lost power). Its lease is
/// ended now: it reads as interrupted at once and the first scheduler pass resumes it, rather than waiting out a
/// lease nobody can renew. With a shared file another live instance may own it, and only its lease can tell.
/// </summary>
public sealed partial class InterruptedRunsAtStart(
    AppDatabase database, RunStore runs, AuditLog audit, IOptions<StorageOptions> storage, TimeProvider clock, ILogger<InterruptedRunsAtStart> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.Value.IsShared)
        {
            var ended = EndLeftLeases();
            if (ended > 0)
            {
                LogInterrupted(ended);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private int EndLeftLeases() =>
        database.Write(() =>
        {
            var now = clock.GetUtcNow();
            var left = runs.InStatus(RunStatus.Running).Where(r => r.Owner is { Length: > 0 } && r.LeaseUntil > now).ToList();
            foreach (var run in left)
            {
                run.LeaseUntil = now;
                runs.TryUpdate(run, run.Version);
                audit.Add(new AuditEntry
                {
                    CampaignId = run.CampaignId, At = now, Actor = AuditLog.SchedulerActor, Channel = "scheduler", Action = "Interrupted",
                    Detail = $"Run {run.Id} was left running by {run.Owner}, which is no longer running; it resumes after its last delivered batch",
                });
            }

            return left.Count;
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} run(s) were left running by a service that stopped without finishing them; they resume now")]
    private partial void LogInterrupted(int count);
}
