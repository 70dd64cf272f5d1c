using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// Meta's custom audience endpoints as the Marketing API reference describes them: a bearer token on every
/// call (Graph also takes access_token in the query or body; CampaignBot must not put it there, so those fail),
/// Graph errors in the body (190 revoked, 4/17/613/80004 throttling), ≤10,000 rows per /users call, rows as
/// wide as the schema, hashed keys as 64 lower-case hex. Members are kept as the rows of each (session, batch_seq),
/// a replay replacing the earlier copy; each row is a slice of its call's body (see <see cref="FakeMetaUsers"/>),
/// or, with <paramref name="keepRows"/> false (benchmarks of millions), only a <see cref="MemberDigest"/> of its
/// values joined by '|' per audience (<see cref="MemberCount"/>, <see cref="CountHeld"/>; <see cref="Members"/> is then empty),
/// each audience's set sized for <paramref name="expectedMembers"/>.
/// </summary>
public sealed partial class FakeMeta(string token, string account, FaultPlan? faults = null, int perSecond = 5, int perMinute = 200, bool keepRows = true,
    int expectedMembers = 0)
    : FakeService(faults)
{
    public const int MaxRows = 10_000;
    private static readonly int[] ThrottleCodes = [4, 17, 613, 80004];
    private static readonly HashSet<string> Unhashed = ["EXTERN_ID", "MADID"];
    private readonly ConcurrentDictionary<string, string> _audiences = new();
    private readonly ConcurrentDictionary<(string Audience, long Session), ConcurrentDictionary<int, ReadOnlyMemory<byte>[]>> _sessions = new();
    private readonly SlidingLimit[] _limits = [new("calls per second", perSecond, TimeSpan.FromSeconds(1)), new("calls per minute", perMinute, TimeSpan.FromMinutes(1))];
    private readonly Random _codes = new(faults?.Seed ?? 1);
    private readonly CompactMembers _compact = new(expectedMembers);
    private int _created;
    private int _replays;

    public int AudiencesCreated => _created;

    /// <summary>Batches received again for a (session, batch_seq) the fake already held.</summary>
    public int Replays => _replays;

    public string? AudienceId(string name) => _audiences.FirstOrDefault(a => a.Value == name).Key;

    /// <summary>The rows of one upload session by batch_seq, in order; empty values are "".</summary>
    public IReadOnlyList<(int Sequence, string[][] Rows)> Session(string audienceId, long sessionId) =>
        _sessions.TryGetValue((audienceId, sessionId), out var batches) ? batches.OrderBy(b => b.Key).Select(b => (b.Key, b.Value.Select(FakeMetaUsers.Decode).ToArray())).ToList() : [];

    /// <summary>Every distinct member of the audience across sessions.</summary>
    public IReadOnlySet<string> Members(string audienceId) =>
        _sessions.Where(s => s.Key.Audience == audienceId).SelectMany(s => s.Value.Values).SelectMany(rows => rows).Select(Joined).ToHashSet();

    public int MemberCount(string audienceId) => keepRows ? Members(audienceId).Count : _compact.Count(audienceId);

    /// <summary>How many of these rows of values ("" or null for an empty one) the audience holds, either way of keeping rows.</summary>
    public int CountHeld(string audienceId, IEnumerable<IEnumerable<string?>> rows)
    {
        var joined = rows.Select(values => string.Join('|', values.Select(v => v ?? "")));
        if (!keepRows)
        {
            return joined.Count(row => _compact.Holds(audienceId, MemberDigest.Of(row)));
        }

        var members = Members(audienceId);
        return joined.Count(members.Contains);
    }

    protected override void Map(WebApplication app)
    {
        app.MapGet("/{version}/{account}/customaudiences", context => Guarded(context, ListAudiences));
        app.MapPost("/{version}/{account}/customaudiences", context => Guarded(context, CreateAudience));
        app.MapPost("/{version}/{audience}/users", context => Guarded(context, ReadUsers, u => u.CarriesToken, AddUsers));
        app.MapDelete("/{version}/{audience}/users", context => Guarded(context, ReadUsers, u => u.CarriesToken, RemoveUsers));
    }

    private Task Guarded(HttpContext context, Func<HttpContext, JsonElement?, IResult> handle) =>
        Guarded(context, body => JsonDocument.Parse(body), d => d.RootElement.TryGetProperty("access_token", out _), (c, d) => handle(c, d?.RootElement));

    private static FakeMetaUsers ReadUsers(ReadOnlyMemory<byte> body) => FakeMetaUsers.Read(body, Unhashed);

    private async Task Guarded<TBody>(HttpContext context, Func<ReadOnlyMemory<byte>, TBody> read, Func<TBody, bool> carriesToken, Func<HttpContext, TBody?, IResult> handle)
        where TBody : class
    {
        // Limits count requests as they arrive, not when their (large) bodies have been read.
        var arrived = ArrivedAt(context);
        var request = context.Request;
        // Keeping digests only, nothing refers to the body after the answer, so it goes back to the pool (a 3 MB
        // body per call would otherwise be garbage on the large object heap, and the benchmark's peak with it).
        using var rented = request.Method is "POST" or "DELETE" ? await RentedBody.ReadAsync(request, pooled: !keepRows) : null;
        var body = rented is not null ? read(rented.Memory) : null;
        using var disposable = body as IDisposable;
        // Graph takes the token as an OAuth bearer header; CampaignBot never puts it in a URL or a body.
        var header = request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) && !request.Query.ContainsKey("access_token")
            && !(body is not null && carriesToken(body)) ? header["Bearer ".Length..] : null;
        var fault = (Fault?)null;
        var result = Faults.Plan.Revoked || presented != token ? GraphError(401, 190, "Error validating access token: The session has been invalidated.")
            : !Version().IsMatch((string)context.Request.RouteValues["version"]!) ? Broke(400, 2635, "an unknown Graph API version")
            : Faults.Plan.Outage ? GraphError(503, 2, "Service temporarily unavailable")
            : Limited(arrived) ?? Fault(context, fault = Faults.Next(request.Method, request.Path)) ?? handle(context, body);
        if (fault == Fakes.Fault.Slow)
        {
            await Task.Delay(Faults.Plan.SlowBy);
        }

        await result.ExecuteAsync(context);
    }

    private IResult? Limited(DateTimeOffset arrived)
    {
        return _limits.Where(l => !l.Admit(arrived)).Select(l => l.Name).FirstOrDefault() is { } broken
            ? Broke(400, 17, $"over the {broken} limit")
            : null;
    }

    private IResult? Fault(HttpContext context, Fault? fault)
    {
        switch (fault)
        {
            case Fakes.Fault.TooManyRequests:
                context.Response.Headers.RetryAfter = ((int)Faults.Plan.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return GraphError(429, 4, "Application request limit reached");
            case Fakes.Fault.Throttled:
                int code;
                lock (_codes)
                {
                    code = ThrottleCodes[_codes.Next(ThrottleCodes.Length)];
                }

                return GraphError(400, code, "(#17) User request limit reached");
            case Fakes.Fault.ServerError:
                return GraphError(503, 2, "An unexpected error has occurred. Please retry your request later.");
            default:
                return null;
        }
    }

    private IResult ListAudiences(HttpContext context, JsonElement? body)
    {
        if ((string)context.Request.RouteValues["account"]! != account)
        {
            return Broke(400, 100, "an unknown ad account");
        }

        // One page of two, so the client has to follow paging.next.
        var all = _audiences.OrderBy(a => a.Key).Select(a => new { id = a.Key, name = a.Value }).ToList();
        var after = int.TryParse(context.Request.Query["after"], out var skip) ? skip : 0;
        var page = all.Skip(after).Take(2).ToList();
        var next = after + 2 < all.Count ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}?fields=id,name&access_token={Uri.EscapeDataString(token)}&after={after + 2}" : null;
        return Results.Json(new { data = page, paging = new { next } });
    }

    private IResult CreateAudience(HttpContext context, JsonElement? body)
    {
        var fields = body!.Value;
        if ((string)context.Request.RouteValues["account"]! != account)
        {
            return Broke(400, 100, "an unknown ad account");
        }

        if (Text(fields, "subtype") != "CUSTOM" || Text(fields, "customer_file_source") is not ("USER_PROVIDED_ONLY" or "PARTNER_PROVIDED_ONLY" or "BOTH_USER_AND_PARTNER_PROVIDED") || Text(fields, "name") is not { Length: > 0 } name)
        {
            return Broke(400, 100, "an audience without name, subtype CUSTOM and customer_file_source");
        }

        var id = $"2385{Interlocked.Increment(ref _created):D10}";
        _audiences[id] = name;
        return Results.Json(new { id });
    }

    private IResult AddUsers(HttpContext context, FakeMetaUsers? body)
    {
        var audience = (string)context.Request.RouteValues["audience"]!;
        if (!_audiences.ContainsKey(audience))
        {
            return Broke(400, 100, "an unknown audience");
        }

        if (body!.Schema is null || !body.HasData)
        {
            return Broke(400, 100, "a /users call without payload.schema and payload.data");
        }

        if (body.Rows.Count > MaxRows)
        {
            return Broke(400, 1, $"{body.Rows.Count} rows in one call", subcode: 99);
        }

        if (body.Misshapen > 0)
        {
            return Broke(400, 100, "rows not as wide as the schema");
        }

        if (body.SessionId is not { } sessionId || body.Sequence is not { } sequence || sequence < 1 || !body.HasLastBatchFlag)
        {
            return Broke(400, 100, "a /users call without session_id, batch_seq ≥ 1 and last_batch_flag");
        }

        if (body.Unhashed > 0)
        {
            Violation($"{body.Unhashed} rows with values that are not SHA-256 hex");
        }

        var valid = body.Rows.Where(r => r.Valid).Select(r => r.Json).ToArray();
        var batches = _sessions.GetOrAdd((audience, sessionId), _ => new());
        if (batches.ContainsKey((int)sequence))
        {
            Interlocked.Increment(ref _replays);
        }

        if (!keepRows)
        {
            _compact.Add(audience, valid.Select(FakeMetaUsers.Digest));
        }

        batches[(int)sequence] = keepRows ? valid : [];
        return Results.Json(new { audience_id = audience, session_id = sessionId, num_received = body.Rows.Count, num_invalid_entries = body.Rows.Count - valid.Length, invalid_entry_samples = new { } });
    }

    // DELETE /{audience}/users takes the same payload as adding; the rows leave every session of the audience.
    private IResult RemoveUsers(HttpContext context, FakeMetaUsers? body)
    {
        var audience = (string)context.Request.RouteValues["audience"]!;
        if (!_audiences.ContainsKey(audience))
        {
            return Broke(400, 100, "an unknown audience");
        }

        if (!body!.HasData)
        {
            return Broke(400, 100, "a /users call without payload.data");
        }

        var data = body.Rows.Select(r => Joined(r.Json)).ToHashSet();
        if (data.Count > MaxRows)
        {
            return Broke(400, 1, $"{data.Count} rows in one call", subcode: 99);
        }

        _compact.Remove(audience, data.Select(MemberDigest.Of));
        foreach (var batches in _sessions.Where(s => s.Key.Audience == audience).Select(s => s.Value))
        {
            foreach (var (sequence, rows) in batches)
            {
                batches[sequence] = rows.Where(r => !data.Contains(Joined(r))).ToArray();
            }
        }

        return Results.Json(new { audience_id = audience, num_received = data.Count, num_invalid_entries = 0 });
    }

    private static string Joined(ReadOnlyMemory<byte> row) => string.Join('|', FakeMetaUsers.Decode(row));

    private IResult Broke(int status, int code, string what, int? subcode = null)
    {
        Violation($"Meta received {what}");
        return GraphError(status, code, $"Invalid parameter: {what}", subcode);
    }

    private static IResult GraphError(int status, int code, string message, int? subcode = null) =>
        Results.Json(new { error = new { message, type = "OAuthException", code, error_subcode = subcode, fbtrace_id = "AbCdEf123" } }, statusCode: status);

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    [GeneratedRegex("^v[0-9]+\\.[0-9]+$")]
    private static partial Regex Version();
}
