using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// TikTok's Business API audience endpoints as destinations.md §5 describes them: the Access-Token header on
/// every call (a token anywhere else fails), every answer an HTTP 200 envelope {code, message, request_id, data}
/// with errors and throttling (40100) as codes, ≤1,000 rows per /segment/mapping/ call, rows as wide as id_schema,
/// identifiers as 64 lower-case hex. Members are kept as a set of rows per audience; each mapping call is logged.
/// </summary>
public sealed partial class FakeTikTok(string token, string advertiser, FaultPlan? faults = null, int perSecond = 5, int perMinute = 150) : FakeService(faults)
{
    public const int MaxRows = 1_000;
    private static readonly HashSet<string> Schemas = ["EMAIL_SHA256", "PHONE_SHA256", "IDFA_SHA256", "GAID_SHA256"];
    private readonly ConcurrentDictionary<string, string> _audiences = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string?[]>> _members = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Action, int Rows)>> _calls = new();
    private readonly SlidingLimit[] _limits = [new("calls per second", perSecond, TimeSpan.FromSeconds(1)), new("calls per minute", perMinute, TimeSpan.FromMinutes(1))];
    private int _created;
    private int _serverErrors;

    public int AudiencesCreated => _created;

    public string? AudienceId(string name) => _audiences.FirstOrDefault(a => a.Value == name).Key;

    /// <summary>The audience's members as rows in id_schema order, null for an empty slot.</summary>
    public IReadOnlyList<string?[]> Members(string audienceId) => _members.TryGetValue(audienceId, out var rows) ? rows.Values.ToList() : [];

    /// <summary>The mapping calls the audience received, in order: action and row count.</summary>
    public IReadOnlyList<(string Action, int Rows)> Calls(string audienceId) => _calls.TryGetValue(audienceId, out var calls) ? calls.ToList() : [];

    protected override void Map(WebApplication app)
    {
        app.MapGet("/open_api/{version}/dmp/custom_audience/list/", context => Guarded(context, ListAudiences));
        app.MapPost("/open_api/{version}/segment/audience/", context => Guarded(context, CreateAudience));
        app.MapPost("/open_api/{version}/segment/mapping/", context => Guarded(context, MapMembers));
    }

    private async Task Guarded(HttpContext context, Func<HttpContext, JsonElement?, IResult> handle)
    {
        var arrived = ArrivedAt(context);
        var request = context.Request;
        using var body = request.Method == "POST" ? JsonDocument.Parse(await BodyAsync(request)) : null;
        var elsewhere = request.Query.ContainsKey("access_token") || request.Headers.Authorization.Count > 0
            || (body?.RootElement.TryGetProperty("access_token", out _) ?? false);
        if (elsewhere)
        {
            Violation("the access token outside the Access-Token header");
        }

        var presented = request.Headers["Access-Token"].ToString();
        var fault = (Fault?)null;
        var result = Faults.Plan.Revoked || presented != token || elsewhere ? Envelope(40105, "Access token is invalid or has been revoked.")
            : (string)context.Request.RouteValues["version"]! != "v1.3" ? Broke(40051, "an unknown API version")
            : Faults.Plan.Outage ? Results.StatusCode(503)
            : Faults.Plan.RefuseWith is { } code ? Envelope(code, "Refused as the fault plan says.")
            : Limited(arrived) ?? Fault(fault = Faults.Next(request.Method, request.Path)) ?? handle(context, body?.RootElement);
        if (fault == Fakes.Fault.Slow)
        {
            await Task.Delay(Faults.Plan.SlowBy);
        }

        await result.ExecuteAsync(context);
    }

    private IResult? Limited(DateTimeOffset arrived) =>
        _limits.Where(l => !l.Admit(arrived)).Select(l => l.Name).FirstOrDefault() is { } broken
            ? Broke(40100, $"a request over the {broken} limit")
            : null;

    private IResult? Fault(Fault? fault)
    {
        switch (fault)
        {
            case Fakes.Fault.Throttled or Fakes.Fault.TooManyRequests:
                return Envelope(40100, "Too many requests. Please retry in some time.");
            case Fakes.Fault.ServerError:
                // TikTok's own failures come both ways: an HTTP 5xx from its gateway, or a 5xxxx code in a 200.
                return Interlocked.Increment(ref _serverErrors) % 2 == 1 ? Results.StatusCode(503) : Envelope(50002, "System timeout, please retry.");
            default:
                return null;
        }
    }

    private IResult ListAudiences(HttpContext context, JsonElement? body)
    {
        if (context.Request.Query["advertiser_id"] != advertiser)
        {
            return Broke(40300, "an unknown advertiser");
        }

        var page = int.TryParse(context.Request.Query["page"], out var p) ? p : 1;
        var asked = int.TryParse(context.Request.Query["page_size"], out var s) ? s : 10;
        if (page < 1 || asked is < 1 or > 100)
        {
            return Broke(40002, "page < 1 or page_size outside 1–100");
        }

        // Pages of at most two, so the client has to follow page_info.
        var size = Math.Min(asked, 2);
        var all = _audiences.OrderBy(a => a.Key).Select(a => new { audience_id = a.Key, name = a.Value, audience_type = "Customer File Audience" }).ToList();
        var list = all.Skip((page - 1) * size).Take(size).ToList();
        var total = (all.Count + size - 1) / size;
        return Envelope(0, "OK", new { list, page_info = new { page, page_size = size, total_number = all.Count, total_page = total } });
    }

    private IResult CreateAudience(HttpContext context, JsonElement? body)
    {
        var fields = body!.Value;
        if (Text(fields, "advertiser_id") != advertiser)
        {
            return Broke(40300, "an unknown advertiser");
        }

        if (Text(fields, "action") != "create" || Text(fields, "custom_audience_name") is not { Length: > 0 and <= 128 } name)
        {
            return Broke(40002, "an audience without action create and a name of 1–128 characters");
        }

        var id = $"19{Interlocked.Increment(ref _created):D8}";
        _audiences[id] = name;
        return Envelope(0, "OK", new { audience_id = id });
    }

    private IResult MapMembers(HttpContext context, JsonElement? body)
    {
        var fields = body!.Value;
        if (!fields.TryGetProperty("advertiser_ids", out var advertisers) || advertisers.ValueKind != JsonValueKind.Array
            || advertisers.EnumerateArray().Select(a => a.GetString()).SingleOrDefault() != advertiser)
        {
            return Broke(40300, "advertiser_ids other than the advertiser");
        }

        var action = Text(fields, "action");
        var schema = fields.TryGetProperty("id_schema", out var ids) && ids.ValueKind == JsonValueKind.Array ? ids.EnumerateArray().Select(i => i.GetString() ?? "").ToArray() : [];
        if (action is not ("add" or "delete") || schema.Length == 0 || schema.Any(s => !Schemas.Contains(s)) || schema.Distinct().Count() != schema.Length)
        {
            return Broke(40002, "a mapping without action add/delete and a known id_schema");
        }

        if (!fields.TryGetProperty("batch_data", out var data) || data.ValueKind != JsonValueKind.Array || data.GetArrayLength() is 0)
        {
            return Broke(40002, "a mapping without batch_data");
        }

        if (data.GetArrayLength() > MaxRows)
        {
            return Broke(40061, $"{data.GetArrayLength()} rows in one mapping call");
        }

        var rows = new List<string?[]>();
        string? audience = null;
        foreach (var entry in data.EnumerateArray())
        {
            var slots = entry.ValueKind == JsonValueKind.Array ? entry.EnumerateArray().ToArray() : [];
            if (slots.Length != schema.Length)
            {
                return Broke(40002, "rows not as wide as id_schema");
            }

            var row = new string?[schema.Length];
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i].ValueKind != JsonValueKind.Object || !slots[i].EnumerateObject().Any())
                {
                    continue;
                }

                if (Text(slots[i], "id") is not { } id || !Sha256Hex().IsMatch(id))
                {
                    return Broke(40062, "an identifier that is not SHA-256 hex");
                }

                var named = slots[i].TryGetProperty("audience_ids", out var audiences) && audiences.ValueKind == JsonValueKind.Array
                    ? audiences.EnumerateArray().Select(a => a.GetString()).ToList() : [];
                if (named.Count != 1 || !_audiences.ContainsKey(named[0]!) || (audience ??= named[0]) != named[0])
                {
                    return Broke(40007, "an identifier without one known audience id (the same across the call)");
                }

                row[i] = id;
            }

            rows.Add(row);
        }

        if (audience is null)
        {
            return Broke(40002, "a mapping call without any identifier");
        }

        var members = _members.GetOrAdd(audience, _ => new());
        foreach (var row in rows)
        {
            var key = string.Join('|', row.Select(v => v ?? ""));
            if (action == "add")
            {
                members[key] = row;
            }
            else
            {
                members.TryRemove(key, out _);
            }
        }

        _calls.GetOrAdd(audience, _ => new()).Enqueue((action, rows.Count));
        return Envelope(0, "OK", new { });
    }

    private IResult Broke(int code, string what)
    {
        Violation($"TikTok received {what}");
        return Envelope(code, $"Invalid parameter: {what}");
    }

    // TikTok answers everything, errors included, as HTTP 200 with this envelope.
    private static IResult Envelope(int code, string message, object? data = null) =>
        Results.Json(new { code, message, request_id = "2026112314000001", data = data ?? new { } });

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
