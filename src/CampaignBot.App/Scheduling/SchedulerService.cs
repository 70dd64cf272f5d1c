using CampaignBot.App.Application;
using CampaignBot.App.Runs;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Scheduling;

/// <summary>The scheduler's loop: a pass every poll interval or as soon as something wakes it, with a bounded number of runs at once.</summary>
public sealed partial class SchedulerService(
    CampaignScheduler scheduler, SchedulerSignal signal, SchedulerHeartbeat heartbeat, IOptions<SchedulerOptions> options, TimeProvider clock,
    ILogger<SchedulerService> logger) : BackgroundService
{
    private readonly List<Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            _running.RemoveAll(t => t.IsCompleted);
            try
            {
                _running.AddRange(await scheduler.TickAsync(options.Value.MaxConcurrentRuns - _running.Count, stoppingToken));
                heartbeat.Beat();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(e);
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Runs release their lease when cancelled, so the next start resumes them at once.
        await Task.WhenAll(_running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A scheduler pass failed; trying again at the next interval")]
    private partial void LogPassFailed(Exception error);
}
