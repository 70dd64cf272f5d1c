using System.Net;
using CampaignBot.Api.Tests.Lifecycle;

namespace CampaignBot.Api.Tests.Http;

/// <summary>A query parameter an endpoint does not read is refused, never ignored: ignored, it would change the answer's meaning silently.</summary>
public sealed class StrictQueryTests
{
    [Theory]
    [InlineData("/api/campaigns?stauts=draft", "stauts", "'stauts' is not a query parameter; did you mean 'status'?")]
    [InlineData("/api/campaigns?page_size=5", "page_size", "'page_size' is not a query parameter; did you mean 'pageSize'?")]
    [InlineData("/api/alerts?stat=open", "stat", "'stat' is not a query parameter; did you mean 'state'?")]
    [InlineData("/api/segments?limit=5", "limit", "'limit' is not a query parameter; this request takes none.")]
    [InlineData("/api/campaigns?status=draft&colour=red", "colour", "'colour' is not a query parameter; this request takes 'author', 'page', 'pageSize', 'search', 'sort', 'status'.")]
    public async Task An_unknown_query_parameter_is_refused_by_name_with_the_closest_one(string url, string parameter, string message)
    {
        await using var host = new LifecycleHost();

        using var response = await host.Client("maya").GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal([message], (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors()[parameter]);
    }

    [Fact]
    public async Task Known_query_parameters_in_any_case_and_route_values_pass()
    {
        await using var host = new LifecycleHost();
        using var maya = host.Client("maya");
        var created = await maya.CreateAsync(TestDrafts.OneTime());

        using var listed = await maya.GetAsync(new Uri("/api/campaigns?Status=draft&pagesize=5", UriKind.Relative));
        using var explained = await maya.GetAsync(new Uri($"/api/campaigns/{created.Id}/explain?customer=c-000001", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.NotEqual(HttpStatusCode.BadRequest, explained.StatusCode);
    }
}
