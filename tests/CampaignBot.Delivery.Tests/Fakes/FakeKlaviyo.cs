using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// Klaviyo's list and profile bulk import API as stable.json and the rate-limit guide describe it: the
/// Klaviyo-API-Key and revision headers, JSON:API bodies, ≤10,000 profiles and ≤5 MB per job, 10/s and
/// 150/min on each bulk endpoint (create, read one, list), 150 list creations a day; every answer but a 429
/// states the quota left in RateLimit-Limit, -Remaining and -Reset. Imports are upserts into
/// a set per list; the jobs and their list are in FakeKlaviyoJobs.cs, profile lookups and removal from a list in
/// FakeKlaviyoProfiles.cs.
/// </summary>
/// <param name="jobProcessing">How long a job takes; null for "processing" on the first read and "complete" after.</param>
/// <param name="keepAttributes">
/// False keeps each member as a <see cref="MemberDigest"/> of its key only (see <see cref="CompactMembers"/>), for
/// benchmarks of millions of profiles; <see cref="Members"/> then has nothing to show and lookups find no one.
/// </param>
/// <param name="expectedMembers">Keeping digests, how many members a list is sized for at once (growing a set of millions copies it).</param>
/// <param name="busyFor">
/// How long a busy service takes to get to every tenth request before it counts it; the client cannot see when
/// that happens, only when the answer comes back.
/// </param>
public sealed partial class FakeKlaviyo(
    string apiKey, FaultPlan? faults = null, int perSecond = 10, int perMinute = 150, int listCreatesPerDay = 150, TimeSpan? jobProcessing = null,
    TimeSpan? busyFor = null, bool keepAttributes = true, int expectedMembers = 0) : FakeService(faults)
{
    public const int MaxProfiles = 10_000;
    public const int MaxBytes = 5 * 1024 * 1024;
    private readonly ConcurrentDictionary<string, string> _lists = new();
    // Each list's members by key (external_id, email or phone_number), each with its raw attributes; locked while a job imports.
    private readonly ConcurrentDictionary<string, Dictionary<MemberKey, ReadOnlyMemory<byte>>> _members = new();
    private readonly Dictionary<string, SlidingLimit[]> _limits = new()
    {
        ["POST jobs"] = [new("bulk import per second", perSecond, TimeSpan.FromSeconds(1)), new("bulk import per minute", perMinute, TimeSpan.FromMinutes(1))],
        ["GET jobs"] = [new("job reads per second", perSecond, TimeSpan.FromSeconds(1)), new("job reads per minute", perMinute, TimeSpan.FromMinutes(1))],
        ["GET job list"] = [new("job list reads per second", perSecond, TimeSpan.FromSeconds(1)), new("job list reads per minute", perMinute, TimeSpan.FromMinutes(1))],
        ["GET lists"] = [new("list reads per second", 75, TimeSpan.FromSeconds(1)), new("list reads per minute", 750, TimeSpan.FromMinutes(1))],
        ["POST lists"] = [new("list creates per second", 10, TimeSpan.FromSeconds(1)), new("list creates per minute", 150, TimeSpan.FromMinutes(1))],
        ["GET profiles"] = [new("profile reads per second", 75, TimeSpan.FromSeconds(1)), new("profile reads per minute", 700, TimeSpan.FromMinutes(1))],
        ["DELETE list profiles"] = [new("list removals per second", 10, TimeSpan.FromSeconds(1)), new("list removals per minute", 150, TimeSpan.FromMinutes(1))],
    };

    private readonly CompactMembers _compact = new(expectedMembers);
    private int _listCreates;
    private int _arrivals;
    private int _nextId;

    public int ListsCreated => _listCreates;

    public string? ListId(string name) => _lists.FirstOrDefault(l => l.Value == name).Key;

    /// <summary>The list's members: each profile's values by attribute ("email", "location.city", "properties.tier").</summary>
    public IReadOnlyList<Dictionary<string, string>> Members(string listId)
    {
        ImportsSettled();
        if (!_members.TryGetValue(listId, out var members))
        {
            return [];
        }

        lock (members)
        {
            return members.Values.Select(FakeKlaviyoBodies.Flatten).ToList();
        }
    }

    /// <summary>How many members the list holds (either way of keeping them).</summary>
    public int MemberCount(string listId)
    {
        ImportsSettled();
        if (!keepAttributes)
        {
            return _compact.Count(listId);
        }

        return _members.TryGetValue(listId, out var members) ? members.Count : 0;
    }

    /// <summary>How many of these external ids, emails or phones key a member of the list (either way of keeping members).</summary>
    public int CountHeld(string listId, IEnumerable<string> keys)
    {
        ImportsSettled();
        if (!keepAttributes)
        {
            return keys.Count(key => _compact.Holds(listId, MemberDigest.Of(key)));
        }

        return _members.TryGetValue(listId, out var members) ? keys.Count(key => members.ContainsKey(new MemberKey(System.Text.Encoding.UTF8.GetBytes(key)))) : 0;
    }

    protected override void Map(WebApplication app)
    {
        app.MapGet("/api/lists", context => Guarded(context, "GET lists", FindLists));
        app.MapPost("/api/lists", context => Guarded(context, "POST lists", CreateList));
        app.MapPost("/api/profile-bulk-import-jobs", context => Guarded(context, "POST jobs", CreateJob));
        app.MapGet("/api/profile-bulk-import-jobs", context => Guarded(context, "GET job list", ListJobs));
        app.MapGet("/api/profile-bulk-import-jobs/{id}", context => Guarded(context, "GET jobs", ReadJob));
        app.MapGet("/api/profiles", context => Guarded(context, "GET profiles", FindProfiles));
        app.MapDelete("/api/lists/{id}/relationships/profiles", context => Guarded(context, "DELETE list profiles", RemoveProfiles));
    }

    private async Task Guarded(HttpContext context, string endpoint, Func<HttpContext, Task<IResult>> handle)
    {
        var request = context.Request;
        var result = await Check(context, endpoint);
        var fault = result is null ? Faults.Next(request.Method, request.Path) : null;
        result ??= fault switch
        {
            Fault.TooManyRequests or Fault.Throttled => TooMany(context),
            Fault.ServerError => Error(503, "service_unavailable"),
            _ => await handle(context),
        };
        if (fault == Fault.Slow)
        {
            await Task.Delay(Faults.Plan.SlowBy);
        }

        await result.ExecuteAsync(context);
    }

    private async Task<IResult?> Check(HttpContext context, string endpoint)
    {
        var request = context.Request;
        if (Faults.Plan.Revoked || request.Headers.Authorization.ToString() != $"Klaviyo-API-Key {apiKey}")
        {
            return Error(401, "not_authenticated");
        }

        if (!RevisionFormat().IsMatch(request.Headers["revision"].ToString()))
        {
            Violation($"{endpoint} without a valid revision header");
            return Error(400, "invalid_revision");
        }

        if (Faults.Plan.Outage)
        {
            return Error(503, "service_unavailable");
        }

        var now = ArrivedAt(context);
        if (busyFor is { } busy && Interlocked.Increment(ref _arrivals) % 10 == 1)
        {
            await Task.Delay(busy);
            now = DateTimeOffset.UtcNow;
        }

        if (_limits[endpoint].Where(l => !l.Admit(now)).Select(l => l.Name).ToList() is [var broken, ..])
        {
            Violation($"{endpoint} over the {broken} limit");
            return TooMany(context);
        }

        StateQuota(context, endpoint, now);

        if (request.Method is "POST" or "DELETE" && request.ContentType != "application/vnd.api+json")
        {
            Violation($"{endpoint} with content type {request.ContentType}");
            return Error(415, "unsupported_media_type");
        }

        return null;
    }

    private Task<IResult> FindLists(HttpContext context)
    {
        var filter = FilterByName().Match(context.Request.Query["filter"].ToString());
        if (!filter.Success)
        {
            return Task.FromResult(Error(400, "invalid_filter"));
        }

        var name = Regex.Unescape(filter.Groups[1].Value);
        var data = _lists.Where(l => l.Value == name).Select(l => new { type = "list", id = l.Key, attributes = new { name = l.Value } });
        return Task.FromResult(Results.Json(new { data, links = new { next = (string?)null } }, contentType: "application/vnd.api+json"));
    }

    private async Task<IResult> CreateList(HttpContext context)
    {
        using var body = JsonDocument.Parse(await BodyAsync(context.Request));
        var data = body.RootElement.GetProperty("data");
        if (data.GetProperty("type").GetString() != "list")
        {
            return Error(400, "invalid");
        }

        if (Interlocked.Increment(ref _listCreates) > listCreatesPerDay)
        {
            Violation("more list creations than the daily limit");
            return TooMany(context);
        }

        var name = data.GetProperty("attributes").GetProperty("name").GetString()!;
        var id = $"L{Interlocked.Increment(ref _nextId):D5}";
        _lists[id] = name;
        return Results.Json(new { data = new { type = "list", id, attributes = new { name } } }, contentType: "application/vnd.api+json", statusCode: 201);
    }

    // Klaviyo sends RateLimit-Limit, -Remaining and -Reset (seconds) on every answer but a 429; of the endpoint's
    // burst and steady windows, the one closest to running out is stated (as RFC drafts for these headers advise).
    private void StateQuota(HttpContext context, string endpoint, DateTimeOffset at)
    {
        var (limit, remaining, reset) = _limits[endpoint].Select(l => l.Quota(at)).OrderBy(q => q.Remaining).ThenByDescending(q => q.ResetSeconds).First();
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["RateLimit-Remaining"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private IResult TooMany(HttpContext context)
    {
        context.Response.Headers.Remove("RateLimit-Limit");
        context.Response.Headers.Remove("RateLimit-Remaining");
        context.Response.Headers.Remove("RateLimit-Reset");
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Faults.Plan.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Error(429, "throttled");
    }

    private static IResult Json(object body, int status = 200) => Results.Json(body, contentType: "application/vnd.api+json", statusCode: status);

    private static IResult Error(int status, string code) =>
        Results.Json(new { errors = new[] { new { id = Guid.NewGuid().ToString(), status, code, title = code, detail = code } } }, contentType: "application/vnd.api+json", statusCode: status);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}(\.[a-z]+)?$")]
    private static partial Regex RevisionFormat();

    [GeneratedRegex(@"^equals\(name,""((?:[^""\\]|\\.)*)""\)$")]
    private static partial Regex FilterByName();
}
