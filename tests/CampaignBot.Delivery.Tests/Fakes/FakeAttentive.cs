using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// Attentive's Segments API v2 as destinations.md §2 describes it: the private app's key as a bearer token on
/// every call (never in a URL); segments created with {name, description, externalId} and read back by
/// externalId; bulk member adds and removals of 1 to <c>maxMembers</c> members, each with an email or an E.164
/// phone and at most a 100-character clientUserId, answered 202 with a batchJobId; jobs that report
/// IN_PROGRESS for <c>pollsUntilDone</c> reads and then COMPLETED; 429 with x-ratelimit headers and no Retry-After.
/// </summary>
public sealed partial class FakeAttentive(string apiKey, FaultPlan? faults = null, int permitsPerSecond = 150, int maxMembers = 10_000, int pollsUntilDone = 1) : FakeService(faults)
{
    private readonly ConcurrentDictionary<string, string> _segments = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string?>> _members = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Operation, int Members)>> _jobsBySegment = new();
    private readonly ConcurrentDictionary<string, int> _jobPolls = new();
    private readonly SlidingLimit _limit = new("calls", permitsPerSecond, TimeSpan.FromSeconds(1));
    private int _created;
    private int _jobs;

    public int SegmentsCreated => _created;

    /// <summary>Jobs that report FAILED when first read (Attentive gives no reason).</summary>
    public int FailNextJobs { get; set; }

    public bool HasSegment(string externalId) => _segments.ContainsKey(externalId);

    /// <summary>The segment's members as (identifier, clientUserId).</summary>
    public IReadOnlyList<(string Identifier, string? ClientUserId)> Members(string externalId) =>
        _members.TryGetValue(externalId, out var m) ? m.Select(p => (p.Key, p.Value)).ToList() : [];

    /// <summary>The segment's bulk jobs in arrival order, with the members each carried.</summary>
    public IReadOnlyList<(string Operation, int Members)> Jobs(string externalId) => _jobsBySegment.TryGetValue(externalId, out var j) ? j.ToList() : [];

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v2/segments", context => Guarded(context, CreateSegment));
        app.MapGet("/v2/segments/external/{externalId}", context => Guarded(context, ReadSegment));
        app.MapMethods("/v2/bulk/segments/members", ["POST", "DELETE"], context => Guarded(context, ChangeMembers));
        app.MapGet("/v2/bulk/job/{id}", context => Guarded(context, ReadJob));
    }

    private async Task Guarded(HttpContext context, Func<HttpContext, JsonElement, IResult> handle)
    {
        var arrived = ArrivedAt(context);
        var request = context.Request;
        var bytes = await BodyAsync(request);
        using var body = JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
        if (request.QueryString.Value is { } query && query.Contains(apiKey, StringComparison.Ordinal))
        {
            Violation("the API key in a URL");
        }

        Fault? fault = null;
        var result = request.Headers.Authorization.ToString() != $"Bearer {apiKey}" || Faults.Plan.Revoked ? Error(401, "Unauthorized")
            : Faults.Plan.Outage ? Error(503, "Service Unavailable")
            : Limited(context, arrived) ?? Fault(context, fault = Faults.Next(request.Method, request.Path)) ?? handle(context, body.RootElement);
        if (fault == Fakes.Fault.Slow)
        {
            await Task.Delay(Faults.Plan.SlowBy);
        }

        await result.ExecuteAsync(context);
    }

    private IResult? Limited(HttpContext context, DateTimeOffset arrived)
    {
        if (_limit.Admit(arrived))
        {
            return null;
        }

        Violation("over the rate limit");
        return TooMany(context);
    }

    private IResult? Fault(HttpContext context, Fault? fault) => fault switch
    {
        Fakes.Fault.TooManyRequests or Fakes.Fault.Throttled => TooMany(context),
        Fakes.Fault.ServerError => Error(503, "Service Unavailable"),
        _ => null,
    };

    // Every answer, 429s included, names the per-second limit; no Retry-After is documented.
    private IResult TooMany(HttpContext context)
    {
        context.Response.Headers["x-ratelimit-limit"] = permitsPerSecond.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-remaining"] = "0";
        return Error(429, "Too Many Requests");
    }

    private IResult CreateSegment(HttpContext context, JsonElement body)
    {
        if (Text(body, "name") is not { Length: >= 1 and <= 240 } name || Text(body, "externalId") is not { Length: >= 1 and <= 255 } externalId
            || Text(body, "description") is { Length: < 2 or > 500 })
        {
            return Broke(400, "a segment without a name (1–240), an externalId (1–255) or with a description outside 2–500 characters");
        }

        if (!_segments.TryAdd(externalId, name))
        {
            Violation($"a second segment with externalId {externalId}");
            return Error(409, "Conflict");
        }

        Interlocked.Increment(ref _created);
        return Results.Json(new { externalId, name, description = Text(body, "description") ?? "Manual Segment Upload Public API V2" }, statusCode: 201);
    }

    private IResult ReadSegment(HttpContext context, JsonElement body)
    {
        var externalId = (string)context.Request.RouteValues["externalId"]!;
        return _segments.TryGetValue(externalId, out var name) ? Results.Json(new { externalId, name }) : Error(404, "Not Found");
    }

    private IResult ChangeMembers(HttpContext context, JsonElement body)
    {
        if (Text(body, "externalId") is not { } externalId || !body.TryGetProperty("members", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return Broke(400, "a bulk request without externalId and members");
        }

        if (!_segments.ContainsKey(externalId))
        {
            return Broke(404, $"members for unknown segment {externalId}");
        }

        var members = list.EnumerateArray().ToList();
        if (members.Count is < 1 || members.Count > maxMembers)
        {
            return Broke(400, $"{members.Count} members in one bulk request");
        }

        var parsed = new List<(string Identifier, string? ClientUserId)>();
        foreach (var member in members)
        {
            var email = Text(member, "email");
            var phone = Text(member, "phone");
            var clientUserId = Text(member, "clientUserId");
            if ((email is null && phone is null) || (email is not null && !email.Contains('@', StringComparison.Ordinal)) || (phone is not null && !E164().IsMatch(phone))
                || clientUserId is { Length: > 100 } || member.EnumerateObject().Any(p => p.Name is not ("email" or "phone" or "clientUserId")))
            {
                return Broke(400, "a member without a valid email or E.164 phone, or with an unknown field or a clientUserId over 100 characters");
            }

            parsed.Add((email ?? phone!, clientUserId));
        }

        var segment = _members.GetOrAdd(externalId, _ => new());
        var operation = context.Request.Method == "POST" ? "add" : "remove";
        foreach (var (identifier, clientUserId) in parsed)
        {
            if (operation == "add")
            {
                segment[identifier] = clientUserId;
            }
            else
            {
                segment.TryRemove(identifier, out _);
            }
        }

        _jobsBySegment.GetOrAdd(externalId, _ => new()).Enqueue((operation, parsed.Count));
        var job = $"job-{Interlocked.Increment(ref _jobs)}";
        _jobPolls[job] = 0;
        return Results.Json(new { message = "Accepted", batchJobId = job }, statusCode: 202);
    }

    private IResult ReadJob(HttpContext context, JsonElement body)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        if (!_jobPolls.TryGetValue(id, out _))
        {
            return Broke(404, $"a read of unknown job {id}");
        }

        var polls = _jobPolls.AddOrUpdate(id, 1, (_, n) => n + 1);
        string status;
        if (polls == 1 && FailNextJobs > 0)
        {
            FailNextJobs--;
            status = "FAILED";
        }
        else
        {
            status = polls > pollsUntilDone ? "COMPLETED" : "IN_PROGRESS";
        }

        return Results.Json(new { bulkJobId = id, status, totalRecords = 0, url = $"https://files.example.invalid/{id}.jsonl" });
    }

    private IResult Broke(int status, string what)
    {
        Violation($"Attentive received {what}");
        return Error(status, "Bad Request");
    }

    private static IResult Error(int status, string message) => Results.Json(new { error = new { id = 1, message } }, statusCode: status);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
