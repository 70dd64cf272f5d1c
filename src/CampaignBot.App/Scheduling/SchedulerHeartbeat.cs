using CampaignBot.App.Runs;
using CampaignBot.Core.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Scheduling;

/// <summary>When the scheduler loop last finished a pass; the health check reads it.</summary>
public sealed class SchedulerHeartbeat(TimeProvider clock)
{
    private long _lastTicks;

    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();

    public DateTimeOffset? Last => Interlocked.Read(ref _lastTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    public void Beat() => Interlocked.Exchange(ref _lastTicks, clock.GetUtcNow().UtcTicks);
}

/// <summary>
/// Unhealthy when the scheduler loop has not completed a pass for three poll intervals (at least a minute):
/// approved campaigns would silently not run.
/// </summary>
public sealed class SchedulerHealthCheck(SchedulerHeartbeat heartbeat, IOptions<SchedulerOptions> options, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The scheduler is turned off here (Scheduler:Enabled is false)."));
        }

        var allowed = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(1).Ticks, settings.PollInterval.Ticks * 3));
        var now = clock.GetUtcNow();
        var last = heartbeat.Last ?? heartbeat.StartedAt;
        var quiet = now - last;
        return Task.FromResult(quiet <= allowed
            ? HealthCheckResult.Healthy(heartbeat.Last is null ? "The scheduler is starting." : $"The scheduler last looked for due campaigns {quiet.TotalSeconds:0} s ago.")
            : HealthCheckResult.Unhealthy($"The scheduler has not looked for due campaigns for {Counted.Of(quiet.TotalMinutes, "minutes", "0.#")}; campaigns will not start. Check the log for 'scheduler pass failed'."));
    }
}
