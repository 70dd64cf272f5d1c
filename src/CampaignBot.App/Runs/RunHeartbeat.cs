using Microsoft.Extensions.Options;

namespace CampaignBot.App.Runs;

/// <summary>
/// Renews a run's lease every <see cref="SchedulerOptions.LeaseRenewInterval"/> while its worker lives, whatever
/// the worker is doing (counting a large audience, waiting out a destination's Retry-After). The lease can then
/// be short, and a run whose process died shows as interrupted and is resumed within seconds instead of minutes.
/// </summary>
public sealed partial class RunHeartbeat(RunLedger ledger, IOptions<SchedulerOptions> options, TimeProvider clock, ILogger<RunHeartbeat> logger)
{
    /// <summary>Renews until <paramref name="stop"/>; cancels <paramref name="lost"/> when another scheduler has taken the run over.</summary>
    public async Task KeepAsync(string runId, string owner, CancellationTokenSource lost, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(lost);

        // A periodic timer keeps its rhythm however long a renewal takes, and a tick that came while one ran is kept.
        using var timer = new PeriodicTimer(options.Value.LeaseRenewInterval, clock);
        while (true)
        {
            try
            {
                if (!await timer.WaitForNextTickAsync(stop))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            LeaseRenewal renewal;
            try
            {
                renewal = ledger.Renew(runId, owner);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The run's own writes would fail the same way; keep trying, the lease lasts a few renewals.
                LogRenewalFailed(e, runId);
                continue;
            }

            if (renewal == LeaseRenewal.Lost)
            {
                LogLost(runId);
                await lost.CancelAsync();
                return;
            }

            if (renewal == LeaseRenewal.Ended)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the lease of run {RunId} failed; trying again at the next interval")]
    private partial void LogRenewalFailed(Exception error, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} was taken over by another scheduler after its lease lapsed; this worker stops")]
    private partial void LogLost(string runId);
}
