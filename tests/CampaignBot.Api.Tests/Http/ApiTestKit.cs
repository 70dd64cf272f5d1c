using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CampaignBot.App.Campaigns;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Api.Tests.Http;

/// <summary>Reading API answers the way a client would: JSON bodies and RFC 9457 problems.</summary>
internal static class ApiTestKit
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    /// <summary>Asserts a problem with <paramref name="status"/> and its request id; returns the problem's JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("requestId").GetString());
        return problem;
    }

    public static string Detail(this JsonElement problem) => problem.GetProperty("detail").GetString()!;

    /// <summary>The messages of a 422 problem, keyed by path.</summary>
    public static Dictionary<string, string[]> Errors(this JsonElement problem) =>
        problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>(Json)!;

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string path, T body) => client.PostAsJsonAsync(path, body, Json);

    public static async Task<CampaignView> CreateAsync(this HttpClient client, CampaignDraft draft) =>
        await (await client.PostJsonAsync("/api/campaigns", draft)).ReadAsync<CampaignView>(HttpStatusCode.Created);

    public static async Task<CampaignView> ActAsync(this HttpClient client, CampaignId id, string action, object? body = null) =>
        await (await client.PostJsonAsync($"/api/campaigns/{id}/{action}", body ?? new { })).ReadAsync<CampaignView>();
}
