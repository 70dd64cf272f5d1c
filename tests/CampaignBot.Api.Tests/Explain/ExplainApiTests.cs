using System.Net;
using CampaignBot.App.Explain;
using CampaignBot.Api.Tests.Http;

namespace CampaignBot.Api.Tests.Explain;

/// <summary><c>GET /api/campaigns/{id}/explain?customer=</c> through the real pipeline and API-key authentication.</summary>
public sealed class ExplainApiTests
{
    [Fact]
    public async Task A_viewer_gets_the_explanation_for_a_customer_named_by_email()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;
        using var client = host.Client("vic");

        var view = await (await client.GetAsync($"/api/campaigns/{id}/explain?customer={Uri.EscapeDataString("WANDA.ASH@example.com")}")).ReadAsync<ExplanationView>();

        Assert.Equal(("EX-WANDA", "email", true), (view.CustomerId, view.MatchedBy, view.InAudience));
        Assert.Equal(("Washington", "Texts"), (view.Placement!.SubAudience, view.Placement.Group));
        Assert.Equal([DestinationOutcome.WouldReceive, DestinationOutcome.WouldReceive], view.Destinations.Select(d => d.Outcome));
        Assert.Null(view.LastRun);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?customer=")]
    [InlineData("?customer=%20%20")]
    public async Task A_missing_customer_parameter_is_a_422_problem_on_customer(string query)
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;
        using var client = host.Client("vic");

        var problem = await (await client.GetAsync($"/api/campaigns/{id}/explain{query}")).ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("customer", problem.Errors().Keys);
    }

    [Fact]
    public async Task An_unknown_customer_is_a_422_and_an_unknown_campaign_a_404()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;
        using var client = host.Client("vic");

        var unknownCustomer = await (await client.GetAsync($"/api/campaigns/{id}/explain?customer=EX-NOBODY")).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var unknownCampaign = await (await client.GetAsync($"/api/campaigns/{Guid.NewGuid()}/explain?customer=EX-WANDA")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("No customer has that customer id or email address", Assert.Single(unknownCustomer.Errors()["customer"]), StringComparison.Ordinal);
        Assert.StartsWith("There is no campaign", unknownCampaign.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_without_a_role_gets_403()
    {
        var (host, id) = await ExplainScenario.StartAsync();
        await using var _ = host;
        using var client = host.Client("nora");

        await (await client.GetAsync($"/api/campaigns/{id}/explain?customer=EX-WANDA")).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
