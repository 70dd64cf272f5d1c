using System.Net;
using System.Text.Json;
using CampaignBot.Api.Tests.Lifecycle;

namespace CampaignBot.Api.Tests.Http;

public sealed class OpenApiDocumentTests
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    [Fact]
    public async Task Every_api_operation_is_documented_with_a_summary_the_key_and_its_failures()
    {
        await using var host = new LifecycleHost();
        using var anonymous = host.Factory.CreateClient();

        using var response = await anonymous.GetAsync("/openapi/v1.json");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("X-Api-Key", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString());
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)).Select(o => (Name: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value)))
            .ToList();
        Assert.True(operations.Count >= 20, $"Only {operations.Count} operations documented.");
        foreach (var (name, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), $"{name} has no summary.");
            Assert.True(operation.TryGetProperty("security", out _), $"{name} does not say it needs the API key.");
            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.True(statuses.Any(s => s.StartsWith('2')), $"{name} documents no success: {string.Join(", ", statuses)}.");
            Assert.True(statuses.Contains("401") && statuses.Contains("403") && statuses.Contains("429"), $"{name} misses shared failures: {string.Join(", ", statuses)}.");
        }
    }

    [Fact]
    public async Task Creating_a_campaign_is_documented_with_an_example_body_and_its_validation_problem()
    {
        await using var host = new LifecycleHost();
        using var anonymous = host.Factory.CreateClient();

        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;

        var create = document.GetProperty("paths").GetProperty("/api/campaigns").GetProperty("post");
        var example = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("Winter welcome", example.GetProperty("name").GetString());
        Assert.True(create.GetProperty("responses").TryGetProperty("422", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
    }

    [Fact]
    public async Task Campaign_ids_are_documented_as_uuid_strings_in_routes_and_bodies()
    {
        await using var host = new LifecycleHost();
        using var anonymous = host.Factory.CreateClient();

        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;

        var route = document.GetProperty("paths").GetProperty("/api/campaigns/{id}").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == "id").GetProperty("schema");
        var view = document.GetProperty("components").GetProperty("schemas").GetProperty("CampaignView").GetProperty("properties").GetProperty("id");
        Assert.Equal(("string", "uuid"), (route.GetProperty("type").GetString(), route.GetProperty("format").GetString()));
        Assert.Equal(("string", "uuid"), (view.GetProperty("type").GetString(), view.GetProperty("format").GetString()));
    }

    [Fact]
    public async Task The_example_campaign_is_valid_against_the_demo_data()
    {
        await using var host = new LifecycleHost();

        var created = await host.Client("maya").CreateAsync(CampaignBot.Api.Http.ApiExamples.Campaign);

        Assert.Equal("Winter welcome", created.Name);
    }

    [Fact]
    public async Task The_browsable_reference_is_served_in_development()
    {
        await using var host = new LifecycleHost();
        using var anonymous = host.Factory.CreateClient();

        using var response = await anonymous.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }
}
