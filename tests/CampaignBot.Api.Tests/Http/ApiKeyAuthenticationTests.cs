using System.Net;
using CampaignBot.App.Campaigns;
using CampaignBot.Api.Tests.Lifecycle;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Http;

public sealed class ApiKeyAuthenticationTests
{
    [Fact]
    public async Task A_request_without_a_key_gets_401_with_a_problem_naming_the_header()
    {
        await using var host = new LifecycleHost();
        using var anonymous = host.Factory.CreateClient();

        using var response = await anonymous.GetAsync("/api/campaigns");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Send your API key in the X-Api-Key header.", problem.Detail());
        Assert.Equal("ApiKey header=\"X-Api-Key\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_wrong_key_gets_401_and_changes_nothing()
    {
        await using var host = new LifecycleHost();
        using var forger = host.Factory.CreateDefaultClient(new ApiKeyHandler("test-key-for-maya-0123456789abcdeX"));

        using var response = await forger.PostJsonAsync("/api/campaigns", TestDrafts.OneTime());

        Assert.Equal("The X-Api-Key is not recognised; ask an administrator for a key.", (await response.ProblemAsync(HttpStatusCode.Unauthorized)).Detail());
        Assert.Empty(host.Campaigns.List(host.Maya));
    }

    [Fact]
    public async Task Every_api_endpoint_refuses_a_request_without_a_key()
    {
        await using var host = new LifecycleHost();
        using var anonymous = host.Factory.CreateClient();
        var endpoints = host.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Path: Concrete(e.RoutePattern.RawText!))))
            .ToList();

        Assert.True(endpoints.Count >= 20, $"Only {endpoints.Count} endpoints found.");
        foreach (var (method, path) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "POST" or "PUT" ? JsonContent("{}") : null };
            using var response = await anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} without a key.");
        }
    }

    [Fact]
    public async Task A_viewer_reads_but_cannot_create()
    {
        await using var host = new LifecycleHost();
        using var vic = host.Client("vic");

        using var list = await vic.GetAsync("/api/campaigns");
        using var create = await vic.PostJsonAsync("/api/campaigns", TestDrafts.OneTime());

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("Vic Viewer does not hold the marketer role needed to create campaigns.", (await create.ProblemAsync(HttpStatusCode.Forbidden)).Detail());
    }

    [Fact]
    public async Task Someone_without_a_role_learns_nothing_about_whether_a_campaign_exists()
    {
        await using var host = new LifecycleHost();
        var id = (await host.Client("maya").CreateAsync(TestDrafts.OneTime())).Id;
        using var nora = host.Client("nora");

        using var existing = await nora.GetAsync($"/api/campaigns/{id}");
        using var missing = await nora.GetAsync($"/api/campaigns/{Guid.NewGuid()}");

        var first = await existing.ProblemAsync(HttpStatusCode.Forbidden);
        var second = await missing.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(first.Detail(), second.Detail());
    }

    [Fact]
    public async Task Admins_hold_every_role()
    {
        await using var host = new LifecycleHost();

        var created = await host.Client("ada").CreateAsync(TestDrafts.OneTime());

        Assert.Equal("ada", created.AuthorId);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static string Concrete(string template) => System.Text.RegularExpressions.Regex.Replace(template, "{([a-zA-Z]+)(:guid)?}",
        m => m.Groups[2].Success ? Guid.NewGuid().ToString() : "something");
}
