using System.Net;
using System.Text.Json;
using CampaignBot.App.Scheduling;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using Microsoft.Extensions.DependencyInjection;
using CampaignBot.App.Customers;
using CampaignBot.App.Runs;

namespace CampaignBot.Api.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_answers_200_with_each_check_when_storage_engine_and_scheduler_answer()
    {
        await using var factory = new CampaignBotFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(["app-state", "customer-engine", "scheduler"],
            report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Liveness_and_readiness_answer_without_a_key(string path)
    {
        await using var factory = new CampaignBotFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_scheduler_silent_for_three_poll_intervals_is_unhealthy()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var heartbeat = new SchedulerHeartbeat(clock);
        var check = new SchedulerHealthCheck(heartbeat, Options.Create(new SchedulerOptions { PollInterval = TimeSpan.FromMinutes(1) }), clock);
        heartbeat.Beat();

        clock.Advance(TimeSpan.FromMinutes(3));
        var quiet = await check.CheckHealthAsync(new HealthCheckContext());
        clock.Advance(TimeSpan.FromSeconds(1));
        var silent = await check.CheckHealthAsync(new HealthCheckContext());
        heartbeat.Beat();
        var again = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Healthy, HealthStatus.Unhealthy, HealthStatus.Healthy), (quiet.Status, silent.Status, again.Status));
        Assert.StartsWith("The scheduler has not looked for due campaigns for 3", silent.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task First_start_seeds_demo_customers_once()
    {
        await using (var first = new CampaignBotFactory())
        {
            using var client = first.CreateClient();
            var engine = first.Services.GetRequiredService<CustomerEngine>();

            Assert.Equal(1000, await CustomerTables.CountAsync(engine, CustomerSchema.Customer360));
            Assert.Equal(1000, await CustomerTables.CountAsync(engine, CustomerSchema.MergedCustomers));
        }
    }

    [Theory]
    [InlineData("Customers:Engine", "oracle", "Customers:Engine is 'oracle'; use 'duckdb', 'postgres' or 'clickhouse'.")]
    [InlineData("Customers:Engine", "clickhouse", "Customers:ClickHouseConnectionString is required when Customers:Engine is 'clickhouse'.")]
    [InlineData("Customers:Engine", "clickhouse", "Customers:ClickHouseCluster must name the cluster of the servers' remote_servers section")]
    [InlineData("Customers:Engine", "postgres", "Customers:PostgresConnectionString is required when Customers:Engine is 'postgres'.")]
    [InlineData("Customers:DemoCustomers", "-5", "DemoCustomers")]
    [InlineData("Customers:DuckDbMemoryLimit", "lots", "Customers:DuckDbMemoryLimit must be a size such as 512MB or 2GB.")]
    public void Bad_customer_settings_stop_the_start_with_a_clear_message(string key, string value, string message)
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?> { [key] = value }, services => services.AddCustomerEngine());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_clickhouse_settings_are_all_named_at_start_without_repeating_the_connection_string()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Customers:Engine"] = "clickhouse",
            ["Customers:ClickHouseConnectionString"] = "Password=s3cret-value",
            ["Customers:ClickHouseCluster"] = "customers_cluster",
            ["Customers:ClickHouseShardingKey"] = "1); DROP TABLE customer_360; --",
            ["Customers:ClickHouseTableEngine"] = "Log",
            ["Customers:ClickHouseNodeConnectionStrings:0"] = "Host=ch1;Port=8123",
            ["Customers:ClickHouseNodeConnectionStrings:1"] = "not a connection string",
        }, services => services.AddCustomerEngine());

        Assert.Contains("Customers:ClickHouseConnectionString is not a connection string such as Host=ch1;Port=8123;Database=campaignbot.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Customers:ClickHouseShardingKey must be an expression over customer_id, such as cityHash64(customer_id).", error.Message, StringComparison.Ordinal);
        Assert.Contains("Customers:ClickHouseTableEngine is 'Log'; use MergeTree or ReplicatedMergeTree.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Customers:ClickHouseNodeConnectionStrings must list a connection string for every node", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ClickHouseCluster must", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }
}
