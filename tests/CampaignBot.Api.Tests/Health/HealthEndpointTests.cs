using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignBot.Api.Tests.Health;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_answers_200_when_the_service_is_up()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
