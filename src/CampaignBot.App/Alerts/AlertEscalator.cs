using Microsoft.Extensions.Options;

namespace CampaignBot.App.Alerts;

/// <summary>Checks open alerts every Alerts:CheckIntervalSeconds: escalates the unacknowledged, announces those whose mute ended.</summary>
public sealed partial class AlertEscalator(AlertService alerts, IOptions<AlertsOptions> options, TimeProvider clock, ILogger<AlertEscalator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.CheckIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await alerts.CheckOpenAlertsAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking open alerts failed; trying again at the next interval")]
    private partial void LogCheckFailed(Exception error);
}
