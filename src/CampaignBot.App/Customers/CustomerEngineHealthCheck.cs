using CampaignBot.Customers.Engine;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CampaignBot.App.Customers;

/// <summary>Healthy when the customer engine answers a query.</summary>
public sealed class CustomerEngineHealthCheck(CustomerEngine engine) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await engine.OpenAsync(cancellationToken);
            await connection.ScalarAsync<int>(engine, new SqlStatement("SELECT 1", []), cancellationToken);
            return HealthCheckResult.Healthy($"{engine.Name} answers");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            return HealthCheckResult.Unhealthy($"{engine.Name} does not answer", e);
        }
    }
}
