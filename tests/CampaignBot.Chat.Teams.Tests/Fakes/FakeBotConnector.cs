using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignBot.Chat.Teams.Tests.Fakes;

/// <summary>
/// One request the fake connector received; <see cref="RawTarget"/> is the path exactly as sent (still escaped), and
/// <see cref="AnsweredId"/> the id it answered with (a posted activity's, a created conversation's).
/// </summary>
public sealed record FakeConnectorCall(string Method, string RawTarget, string? Authorization, JsonObject? Body, DateTimeOffset At, int Status, string? AnsweredId = null);

/// <summary>
/// A loopback Bot Connector (T3) under any base path: send, reply, update, create conversation and get member, with
/// Bearer tokens checked by a callback and scripted failures (429 with Retry-After, 5xx, 401, 403) for the next calls.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeConnectorCall> _calls = new();
    private readonly ConcurrentQueue<(HttpStatusCode Status, int? RetryAfterSeconds, string? Code)> _failures = new();
    private readonly ConcurrentDictionary<string, JsonObject> _members = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly Func<string?, bool> _acceptsAuthorization;
    private WebApplication? _app;
    private TaskCompletionSource? _updatesHeld;
    private int _ids;

    private FakeBotConnector(TimeProvider time, Func<string?, bool> acceptsAuthorization) => (_time, _acceptsAuthorization) = (time, acceptsAuthorization);

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<FakeConnectorCall> Calls => [.. _calls];

    /// <summary>A serviceUrl on this fake, e.g. "teams" → http://127.0.0.1:port/teams (no trailing '/', as some clients send).</summary>
    public string ServiceUrl(string basePath) => BaseAddress.AbsoluteUri + basePath;

    public static async Task<FakeBotConnector> StartAsync(TimeProvider time, Func<string?, bool> acceptsAuthorization)
    {
        var fake = new FakeBotConnector(time, acceptsAuthorization);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = fake._app = builder.Build();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    public void AddMember(string conversationId, JsonObject member) => _members[$"{conversationId}|{member["id"]!.GetValue<string>()}"] = member;

    /// <summary>The next <paramref name="count"/> calls, whatever they are, answer <paramref name="status"/>.</summary>
    public void FailNext(int count, HttpStatusCode status, int? retryAfterSeconds = null, string? code = null)
    {
        for (var i = 0; i < count; i++)
        {
            _failures.Enqueue((status, retryAfterSeconds, code));
        }
    }

    /// <summary>
    /// Updates (PUT) wait unanswered, and unrecorded, until <see cref="ReleaseUpdates"/>: a connector slow to update
    /// cards, for checking that nobody waits for it.
    /// </summary>
    public void HoldUpdates() => _updatesHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseUpdates() => _updatesHeld?.TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Method == "PUT" && _updatesHeld is { } held)
        {
            await held.Task;
        }

        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var authorization = request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null;
        var body = request.ContentLength is > 0 ? await JsonNode.ParseAsync(request.Body) as JsonObject : null;
        var (status, response) = Answer(request.Method, raw, authorization, body, context.Response);
        _calls.Enqueue(new FakeConnectorCall(request.Method, raw, authorization, body, _time.GetUtcNow(), status, response?["id"]?.GetValue<string>()));
        context.Response.StatusCode = status;
        context.Response.Headers["X-Correlating-OperationId"] = Guid.NewGuid().ToString();
        if (response is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString());
        }
    }

    private (int Status, JsonObject? Body) Answer(string method, string raw, string? authorization, JsonObject? body, HttpResponse response)
    {
        if (!_acceptsAuthorization(authorization))
        {
            return (401, Error("Unauthorized", "Authorization has been denied for this request."));
        }

        if (_failures.TryDequeue(out var failure))
        {
            if (failure.RetryAfterSeconds is { } seconds)
            {
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

            return ((int)failure.Status, Error(failure.Code ?? failure.Status.ToString(), "scripted failure"));
        }

        var at = raw.IndexOf("/v3/conversations", StringComparison.Ordinal);
        var segments = at < 0 ? [] : raw[(at + 1)..].Split('/').Select(Uri.UnescapeDataString).ToArray();
        return (method, segments) switch
        {
            ("POST", ["v3", "conversations"]) => (201, new JsonObject { ["id"] = $"a:new-conversation-{Next()}" }),
            ("POST", ["v3", "conversations", _, "activities"]) or ("POST", ["v3", "conversations", _, "activities", _]) => (201, new JsonObject { ["id"] = $"activity-{Next()}" }),
            ("PUT", ["v3", "conversations", _, "activities", var id]) => (200, new JsonObject { ["id"] = id }),
            ("GET", ["v3", "conversations", var conversation, "members", var user]) =>
                _members.TryGetValue($"{conversation}|{user}", out var member) ? (200, member.DeepClone().AsObject()) : (404, Error("MemberNotFoundInConversation", "The member is not in the conversation.")),
            _ => (404, Error("NotFound", $"{method} {raw} is not a connector route")),
        };
    }

    private string Next() => Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    public async ValueTask DisposeAsync()
    {
        ReleaseUpdates();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
