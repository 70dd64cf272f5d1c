using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// Criteo's Marketing Solutions audience endpoints as destinations.md §4 describes them: client-credentials
/// tokens from /oauth2/token (secret in the form body only) that expire after <c>tokenLifetime</c> and are then
/// refused with 401 authorization-token-expired; a bearer token on every other call (never in a URL); JSON:API
/// bodies; contact-list amendments of at most <c>maxIdentifiers</c>, SHA-256 hex counted valid, anything else
/// counted invalid; a rate limit answered with 429 and x-ratelimit-reset as an epoch in seconds.
/// </summary>
public sealed partial class FakeCriteo(string clientId, string clientSecret, string advertiser, FaultPlan? faults = null,
    int permits = 250, TimeSpan? window = null, TimeSpan? tokenLifetime = null, int maxIdentifiers = 50_000, int pageSize = 100) : FakeService(faults), IFakeTokenIssuer
{
    private readonly FakeClientCredentials _credentials = new("criteo", clientId, clientSecret, tokenLifetime ?? TimeSpan.FromMinutes(15));
    private readonly ConcurrentDictionary<string, string> _segments = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _members = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Operation, int Identifiers)>> _amendments = new();
    private readonly SlidingLimit _limit = new("calls", permits, window ?? TimeSpan.FromMinutes(1));
    private int _created;
    private int _expiredRefusals;

    public int SegmentsCreated => _created;

    public int TokensIssued => _credentials.Issued;

    /// <summary>Calls refused because their token had expired.</summary>
    public int ExpiredRefusals => _expiredRefusals;

    /// <summary>Every x-ratelimit-reset sent, as the instant it names.</summary>
    public ConcurrentQueue<DateTimeOffset> Resets { get; } = new();

    public string? SegmentId(string name) => _segments.FirstOrDefault(s => s.Value == name).Key;

    public IReadOnlySet<string> Members(string segmentId) => _members.TryGetValue(segmentId, out var m) ? m.Keys.ToHashSet() : new HashSet<string>();

    /// <summary>The segment's contact-list amendments in arrival order, with the valid identifiers each carried.</summary>
    public IReadOnlyList<(string Operation, int Identifiers)> Amendments(string segmentId) => _amendments.TryGetValue(segmentId, out var a) ? a.ToList() : [];

    /// <summary>Every token issued so far expires now, as a long push outlives its 15 minutes.</summary>
    public void ExpireTokens() => _credentials.ExpireAll();

    protected override void Map(WebApplication app)
    {
        app.MapPost("/oauth2/token", IssueToken);
        app.MapPost("/{version}/marketing-solutions/audience-segments/search", context => Guarded(context, Search));
        app.MapPost("/{version}/marketing-solutions/audience-segments/create", context => Guarded(context, Create));
        app.MapMethods("/{version}/marketing-solutions/audience-segments/{id}/contact-list", ["PATCH"], context => Guarded(context, Amend));
    }

    private Task IssueToken(HttpContext context) =>
        _credentials.IssueAsync(context, Faults, Violation, Results.Json(new { error = "invalid_client", error_description = "Client authentication failed." }, statusCode: 401), f => Fault(context, f));

    private async Task Guarded(HttpContext context, Func<HttpContext, JsonElement, IResult> handle)
    {
        var arrived = ArrivedAt(context);
        var request = context.Request;
        using var body = JsonDocument.Parse(await BodyAsync(request));
        if (_credentials.InUrl(request))
        {
            Violation("a secret or token in a URL");
        }

        Fault? fault = null;
        var result = !_credentials.TryExpiry(request, Faults.Plan, out var expires) ? Problem(401, "authorization-token-invalid")
            : expires <= arrived ? Expired()
            : (string)context.Request.RouteValues["version"]! is var version && !Version().IsMatch(version) ? Broke(404, "version-not-found", $"an unknown API version {version}")
            : Faults.Plan.Outage ? Problem(503, "service-unavailable")
            : Limited(context, arrived) ?? Fault(context, fault = Faults.Next(request.Method, request.Path)) ?? handle(context, body.RootElement);
        if (fault == Fakes.Fault.Slow)
        {
            await Task.Delay(Faults.Plan.SlowBy);
        }

        await result.ExecuteAsync(context);
    }

    private IResult Expired()
    {
        Interlocked.Increment(ref _expiredRefusals);
        return Problem(401, "authorization-token-expired");
    }

    private IResult? Limited(HttpContext context, DateTimeOffset arrived)
    {
        if (_limit.Admit(arrived))
        {
            return null;
        }

        Violation("over the rate limit");
        return TooMany(context, TimeSpan.FromSeconds(1));
    }

    private IResult? Fault(HttpContext context, Fault? fault) => fault switch
    {
        Fakes.Fault.TooManyRequests or Fakes.Fault.Throttled => TooMany(context, Faults.Plan.RetryAfter),
        Fakes.Fault.ServerError => Problem(503, "service-unavailable"),
        _ => null,
    };

    // No Retry-After: Criteo names the instant the window resets, in whole epoch seconds.
    private IResult TooMany(HttpContext context, TimeSpan wait)
    {
        var reset = DateTimeOffset.FromUnixTimeSeconds((long)Math.Ceiling((DateTimeOffset.UtcNow + wait).ToUnixTimeMilliseconds() / 1000.0));
        Resets.Enqueue(reset);
        context.Response.Headers["x-ratelimit-limit"] = permits.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-remaining"] = "0";
        context.Response.Headers["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return Problem(429, "too-many-requests");
    }

    private IResult Search(HttpContext context, JsonElement body)
    {
        var attributes = body.TryGetProperty("data", out var data) && data.TryGetProperty("attributes", out var a) ? a : default;
        if (attributes.ValueKind != JsonValueKind.Object || !Strings(attributes, "advertiserIds").SequenceEqual([advertiser]) || !Strings(attributes, "audienceSegmentTypes").SequenceEqual(["ContactList"]))
        {
            return Broke(400, "invalid-search", "a search without data.attributes.advertiserIds and audienceSegmentTypes [ContactList]");
        }

        var limit = Math.Min(int.TryParse(context.Request.Query["limit"], out var l) ? l : 50, pageSize);
        var offset = int.TryParse(context.Request.Query["offset"], out var o) ? o : 0;
        var all = _segments.OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        var page = all.Skip(offset).Take(limit).Select(s => new { id = s.Key, type = "AudienceSegment", attributes = new { name = s.Value, advertiserId = advertiser, type = "ContactList" } });
        return Results.Json(new { data = page, meta = new { totalItems = all.Count, limit, offset }, errors = Array.Empty<object>(), warnings = Array.Empty<object>() });
    }

    private IResult Create(HttpContext context, JsonElement body)
    {
        var item = body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array && data.GetArrayLength() == 1 ? data[0] : default;
        var attributes = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("attributes", out var a) ? a : default;
        if (attributes.ValueKind != JsonValueKind.Object || Text(attributes, "advertiserId") != advertiser || Text(attributes, "name") is not { Length: > 0 and <= 255 } name
            || !attributes.TryGetProperty("contactList", out var contactList) || contactList.ValueKind != JsonValueKind.Object)
        {
            return Broke(400, "invalid-segment", "a create without data[0].attributes {advertiserId, name, contactList}");
        }

        // Bulk operations answer 200 with the refusal in errors[] (destinations.md §4).
        if (_segments.Values.Contains(name))
        {
            Violation($"a second segment named {name}");
            return Results.Json(new { data = Array.Empty<object>(), errors = new[] { new { code = "name-must-be-unique", title = "Name must be unique" } }, warnings = Array.Empty<object>() });
        }

        var id = (100_000 + Interlocked.Increment(ref _created)).ToString(CultureInfo.InvariantCulture);
        _segments[id] = name;
        return Results.Json(new { data = new[] { new { id, type = "AudienceSegment", attributes = new { name, advertiserId = advertiser } } }, errors = Array.Empty<object>(), warnings = Array.Empty<object>() });
    }

    private IResult Amend(HttpContext context, JsonElement body)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        if (!_segments.ContainsKey(id))
        {
            return Broke(404, "segment-not-found", $"an amendment of unknown segment {id}");
        }

        var data = body.TryGetProperty("data", out var d) ? d : default;
        var attributes = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("attributes", out var a) ? a : default;
        if (Text(data, "type") != "ContactlistAmendment" || attributes.ValueKind != JsonValueKind.Object || Text(attributes, "operation") is not ("add" or "remove")
            || Text(attributes, "identifierType") != "email" || !attributes.TryGetProperty("identifiers", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return Broke(400, "invalid-amendment", "an amendment without type ContactlistAmendment, operation, identifierType email and identifiers");
        }

        var identifiers = list.EnumerateArray().Select(i => i.GetString() ?? "").ToList();
        if (identifiers.Count > maxIdentifiers)
        {
            return Broke(400, "too-many-identifiers", $"{identifiers.Count} identifiers in one call");
        }

        var operation = Text(attributes, "operation")!;
        var valid = identifiers.Where(i => Sha256Hex().IsMatch(i)).ToList();
        var members = _members.GetOrAdd(id, _ => new());
        foreach (var identifier in valid)
        {
            if (operation == "add")
            {
                members[identifier] = 0;
            }
            else
            {
                members.TryRemove(identifier, out _);
            }
        }

        _amendments.GetOrAdd(id, _ => new()).Enqueue((operation, valid.Count));
        var invalid = identifiers.Except(valid).ToList();
        return Results.Json(new
        {
            data = new
            {
                type = "ContactlistAmendment",
                attributes = new
                {
                    contactListId = id, operation, requestDate = DateTimeOffset.UtcNow, identifierType = "email",
                    nbValidIdentifiers = valid.Count, nbInvalidIdentifiers = invalid.Count, sampleInvalidIdentifiers = invalid.Take(5),
                },
            },
            errors = Array.Empty<object>(),
            warnings = Array.Empty<object>(),
        });
    }

    private IResult Broke(int status, string code, string what)
    {
        Violation($"Criteo received {what}");
        return Problem(status, code);
    }

    private static IResult Problem(int status, string code) =>
        Results.Json(new { errors = new[] { new { traceId = "0f3c9a", type = "validation", code, title = code.Replace('-', ' ') } } }, statusCode: status);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.ToString()).ToList() : [];

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}$")]
    private static partial Regex Version();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
