using System.Net;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using Microsoft.Extensions.DependencyInjection;
using CampaignBot.Api.Customers;

namespace CampaignBot.Api.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_answers_200_when_the_customer_engine_answers()
    {
        await using var factory = new CampaignBotFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
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
    [InlineData("Customers:Engine", "oracle", "Customers:Engine is 'oracle'; use 'duckdb' or 'postgres'.")]
    [InlineData("Customers:Engine", "postgres", "Customers:PostgresConnectionString is required when Customers:Engine is 'postgres'.")]
    [InlineData("Customers:DemoCustomers", "-5", "DemoCustomers")]
    [InlineData("Customers:DuckDbMemoryLimit", "lots", "Customers:DuckDbMemoryLimit must be a size such as 512MB or 2GB.")]
    public void Bad_customer_settings_stop_the_start_with_a_clear_message(string key, string value, string message)
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?> { [key] = value }, services => services.AddCustomerEngine());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
