using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CampaignBot.Chat.Slack;

namespace CampaignBot.Chat.Slack.Tests.Fakes;

/// <summary>
/// A loopback stand-in for Slack's Web API (POST {BaseAddress}api/{method}) and for response_urls
/// ({BaseAddress}response/{id}). It answers with Slack's response shapes, enforces the Bearer token and the Block Kit
/// limits (ok:false invalid_blocks), records every call, and can answer 429 with Retry-After on demand.
/// </summary>
public sealed partial class FakeSlack : IAsyncDisposable
{
    public const string DefaultBotToken = "xoxb-fake-1234-abcd";

    private readonly List<FakeSlackCall> _calls = [];
    private readonly Dictionary<string, (int Calls, int RetryAfterSeconds)> _rateLimits = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private WebApplication? _app;

    private FakeSlack(string botToken, TimeProvider time) => (BotToken, _time) = (botToken, time);

    public string BotToken { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>What to put in <see cref="SlackOptions.ApiBaseUrl"/>.</summary>
    public string ApiBaseUrl => new Uri(BaseAddress, "api/").AbsoluteUri;

    public IReadOnlyList<FakeSlackCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<FakeSlack> StartAsync(string botToken = DefaultBotToken, TimeProvider? time = null)
    {
        var fake = new FakeSlack(botToken, time ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake._app = builder.Build();
        fake._app.MapPost("/api/{method}", (HttpContext context, string method) => fake.HandleApiAsync(context, method));
        fake._app.MapGet("/api/{method}", (HttpContext context, string method) => fake.HandleApiAsync(context, method));
        fake._app.MapPost("/upload/{id}", (HttpContext context, string id) => fake.HandleUploadAsync(context, id));
        fake._app.MapPost("/response/{id}", (HttpContext context, string id) => fake.HandleResponseUrlAsync(context, id));
        await fake._app.StartAsync();
        var address = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return fake;
    }

    /// <summary>Options for a client that talks to this fake.</summary>
    public SlackOptions Options() => new() { BotToken = BotToken, SigningSecret = "fake-signing-secret-0123456789", ApiBaseUrl = ApiBaseUrl };

    public IReadOnlyList<FakeSlackCall> CallsTo(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>The next <paramref name="calls"/> calls of <paramref name="method"/> answer HTTP 429 with Retry-After.</summary>
    public void RateLimitNext(string method, int calls, int retryAfterSeconds)
    {
        lock (_lock)
        {
            _rateLimits[method] = (calls, retryAfterSeconds);
        }
    }

    private async Task<IResult> HandleApiAsync(HttpContext context, string method)
    {
        var request = context.Request;
        var body = HttpMethods.IsGet(request.Method)
            ? new JsonObject(request.Query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)JsonValue.Create(q.Value.ToString()))))
            : IsForm(request.ContentType) ? await ReadFormAsync(request) : await ReadJsonAsync(request);
        var authorization = request.Headers.Authorization.ToString();
        var error = authorization.Length == 0 ? "not_authed"
            : authorization != $"Bearer {BotToken}" ? "invalid_auth"
            : body is null ? "invalid_json"
            : null;
        if (error is null && TakeRateLimit(method) is { } retryAfter)
        {
            Record(method, body!, request, "ratelimited");
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(Error("ratelimited"), statusCode: StatusCodes.Status429TooManyRequests);
        }

        JsonObject response;
        lock (_lock)
        {
            response = error is not null ? Error(error)
                : method == "files.getUploadURLExternal" ? GetUploadUrl(body!, request.ContentType)
                : method == "files.completeUploadExternal" ? CompleteUpload(body!, request.ContentType)
                : Dispatch(method, body!);
        }

        Record(method, body ?? [], request, response["ok"]!.GetValue<bool>() ? null : response["error"]!.GetValue<string>(), response);
        return Results.Text(response.ToJsonString(), "application/json; charset=utf-8");
    }

    private int? TakeRateLimit(string method)
    {
        lock (_lock)
        {
            if (!_rateLimits.TryGetValue(method, out var limit) || limit.Calls == 0)
            {
                return null;
            }

            _rateLimits[method] = (limit.Calls - 1, limit.RetryAfterSeconds);
            return limit.RetryAfterSeconds;
        }
    }

    private void Record(string method, JsonObject body, HttpRequest request, string? error, JsonObject? response = null)
    {
        var authorization = request.Headers.Authorization.ToString();
        lock (_lock)
        {
            _calls.Add(new FakeSlackCall(method, body, request.ContentType, authorization.Length == 0 ? null : authorization, error, _time.GetUtcNow(), response?.DeepClone().AsObject()));
        }
    }

    private static async Task<JsonObject?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject Error(string error, IEnumerable<string>? messages = null)
    {
        var response = new JsonObject { ["ok"] = false, ["error"] = error };
        if (messages is not null)
        {
            response["response_metadata"] = new JsonObject { ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode?)m)]) };
        }

        return response;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
