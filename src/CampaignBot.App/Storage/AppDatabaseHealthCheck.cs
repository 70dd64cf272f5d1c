using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CampaignBot.App.Storage;

/// <summary>Healthy when the LiteDB file answers a read.</summary>
public sealed class AppDatabaseHealthCheck(AppDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = database.Database.GetCollectionNames().Count();
            return Task.FromResult(HealthCheckResult.Healthy("LiteDB answers"));
        }
        catch (Exception e) when (e is LiteDB.LiteException or IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("LiteDB does not answer", e));
        }
    }
}
