using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// Listrak's Email API as destinations.md §3 describes it: client-credentials tokens from /OAuth2/Token (secret in
/// the form body only) that expire after <c>tokenLifetime</c>; a bearer token on every other call; lists, profile
/// field groups and fields looked up and created by name (a second one of the same name is a violation); list
/// imports of a base64 CSV whose header must match the file mappings, processed as jobs that report Processing for
/// <c>pollsPerImport</c> status reads, then Completed with a summary counting the rows without a valid email.
/// </summary>
public sealed partial class FakeListrak(string clientId, string clientSecret, FaultPlan? faults = null, TimeSpan? tokenLifetime = null, int pollsPerImport = 2)
    : FakeService(faults), IFakeTokenIssuer
{
    private readonly FakeClientCredentials _credentials = new("listrak", clientId, clientSecret, tokenLifetime ?? TimeSpan.FromMinutes(20));
    private readonly ConcurrentDictionary<string, string> _lists = new();
    private readonly ConcurrentDictionary<string, (string List, string Name)> _groups = new();
    private readonly ConcurrentDictionary<string, (string Group, string Name)> _fields = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Dictionary<string, string>>> _members = new();
    private readonly ConcurrentDictionary<string, Job> _jobs = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Job>> _imports = new();
    private int _ids = 1000;
    private int _expiredRefusals;

    public int ListsCreated => _lists.Count;

    public int FieldGroupsCreated => _groups.Count;

    public int FieldsCreated => _fields.Count;

    public int TokensIssued => _credentials.Issued;

    public int ExpiredRefusals => _expiredRefusals;

    public string? ListId(string name) => _lists.FirstOrDefault(l => l.Value == name).Key;

    /// <summary>The list's contacts as rows of <paramref name="columns"/>: the email under EmailAddress, profile fields by name, null when unset.</summary>
    public IReadOnlyList<string?[]> Rows(string listId, IReadOnlyList<string> columns) =>
        _members.TryGetValue(listId, out var members)
            ? members.Select(m => columns.Select(c => c == "EmailAddress" ? m.Key : m.Value.GetValueOrDefault(c) is { Length: > 0 } v ? v : null).ToArray()).ToList()
            : [];

    /// <summary>The list's imports in the order they arrived: their type and the contacts each took in.</summary>
    public IReadOnlyList<(string ImportType, int Imported)> Imports(string listId) =>
        _imports.TryGetValue(listId, out var jobs) ? jobs.Select(j => (j.ImportType, j.Imported)).ToList() : [];

    /// <summary>Every token issued so far expires now, as a long push outlives it.</summary>
    public void ExpireTokens() => _credentials.ExpireAll();

    protected override void Map(WebApplication app)
    {
        app.MapPost("/OAuth2/Token", IssueToken);
        app.MapGet("/v1/List", c => Guarded(c, (_, _) => Items(_lists.Select(l => new { listId = int.Parse(l.Key), listName = l.Value }))));
        app.MapPost("/v1/List", c => Guarded(c, CreateList));
        app.MapGet("/v1/List/{listId}/SegmentationFieldGroup", c => Guarded(c, (c, _) => Items(_groups.Where(g => g.Value.List == Route(c, "listId"))
            .Select(g => new { segmentationFieldGroupId = int.Parse(g.Key), segmentationFieldGroupName = g.Value.Name }))));
        app.MapPost("/v1/List/{listId}/SegmentationFieldGroup", c => Guarded(c, CreateGroup));
        app.MapGet("/v1/List/{listId}/SegmentationFieldGroup/{groupId}/SegmentationField", c => Guarded(c, (c, _) => Items(_fields.Where(f => f.Value.Group == Route(c, "groupId"))
            .Select(f => new { segmentationFieldId = int.Parse(f.Key), segmentationFieldName = f.Value.Name, dataType = "Text" }))));
        app.MapPost("/v1/List/{listId}/SegmentationFieldGroup/{groupId}/SegmentationField", c => Guarded(c, CreateField));
        app.MapPost("/v1/List/{listId}/ListImport", c => Guarded(c, Import));
        app.MapGet("/v1/List/{listId}/ListImport/{importId}/Status", c => Guarded(c, Status));
        app.MapGet("/v1/List/{listId}/ListImport/{importId}/Summary", c => Guarded(c, Summary));
    }

    private Task IssueToken(HttpContext context) =>
        _credentials.IssueAsync(context, Faults, Violation, Results.Json(new { error = "invalid_client" }, statusCode: 400), Fault);

    private async Task Guarded(HttpContext context, Func<HttpContext, JsonElement, IResult> handle)
    {
        var arrived = ArrivedAt(context);
        var request = context.Request;
        var raw = await BodyAsync(request);
        if (request.Method == "POST" && request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true)
        {
            Violation($"a POST to {request.Path} that is not application/json");
        }

        using var body = raw.Length > 0 ? JsonDocument.Parse(raw) : JsonDocument.Parse("null");
        if (_credentials.InUrl(request))
        {
            Violation("a secret or token in a URL");
        }

        Fault? fault = null;
        var result = !_credentials.TryExpiry(request, Faults.Plan, out var expires) ? Error(401, "ERROR_UNAUTHORIZED")
            : expires <= arrived ? Expired()
            : Faults.Plan.Outage ? Error(503, "ERROR_SERVICE_UNAVAILABLE")
            : Fault(fault = Faults.Next(request.Method, request.Path)) ?? handle(context, body.RootElement);
        if (fault == Fakes.Fault.Slow)
        {
            await Task.Delay(Faults.Plan.SlowBy);
        }

        await result.ExecuteAsync(context);
    }

    private IResult Expired()
    {
        Interlocked.Increment(ref _expiredRefusals);
        return Error(401, "ERROR_UNAUTHORIZED");
    }

    // Listrak publishes no rate limit and no Retry-After (destinations.md §3): a bare 429.
    private static IResult? Fault(Fault? fault) => fault switch
    {
        Fakes.Fault.TooManyRequests or Fakes.Fault.Throttled => Error(429, "ERROR_TOO_MANY_REQUESTS"),
        Fakes.Fault.ServerError => Error(503, "ERROR_SERVICE_UNAVAILABLE"),
        _ => null,
    };

    private IResult CreateList(HttpContext context, JsonElement body)
    {
        if (Text(body, "listName") is not { Length: > 0 } name || Text(body, "bounceHandling") is not ("None" or "Standard" or "Aggressive")
            || !body.TryGetProperty("bounceUnsubscribeCount", out var count) || count.ValueKind != JsonValueKind.Number)
        {
            return Broke("a list without listName, bounceHandling and bounceUnsubscribeCount");
        }

        return _lists.Values.Contains(name) ? Broke($"a second list named {name}") : Created(id => _lists[id] = name);
    }

    private IResult CreateGroup(HttpContext context, JsonElement body)
    {
        var list = Route(context, "listId");
        if (!_lists.ContainsKey(list))
        {
            return Broke($"a field group for unknown list {list}", 404, "ERROR_UNABLE_TO_LOCATE_RESOURCE");
        }

        if (Text(body, "segmentationFieldGroupName") is not { Length: > 0 } name || !body.TryGetProperty("position", out var position) || position.ValueKind != JsonValueKind.Number)
        {
            return Broke("a field group without segmentationFieldGroupName and position");
        }

        return _groups.Values.Contains((list, name)) ? Broke($"a second field group named {name}") : Created(id => _groups[id] = (list, name));
    }

    private IResult CreateField(HttpContext context, JsonElement body)
    {
        var group = Route(context, "groupId");
        if (!_groups.TryGetValue(group, out var owner) || owner.List != Route(context, "listId"))
        {
            return Broke($"a field for unknown group {group}", 404, "ERROR_UNABLE_TO_LOCATE_RESOURCE");
        }

        if (Text(body, "segmentationFieldName") is not { Length: > 0 } name || Text(body, "dataType") is null)
        {
            return Broke("a field without segmentationFieldName and dataType");
        }

        return _fields.Values.Contains((group, name)) ? Broke($"a second field named {name}") : Created(id => _fields[id] = (group, name));
    }

    private IResult Import(HttpContext context, JsonElement body)
    {
        var list = Route(context, "listId");
        if (!_lists.ContainsKey(list))
        {
            return Broke($"an import into unknown list {list}", 404, "ERROR_UNABLE_TO_LOCATE_RESOURCE");
        }

        var importType = Text(body, "importType");
        if (Text(body, "fileDelimiter") != "," || Text(body, "textQualifier") != "\"" || Text(body, "fileName") is not { Length: > 0 }
            || importType is not ("AddSubscribers" or "AddSubscribersAndSegmentationData" or "RemoveSubscribers" or "UpdateSubscribers")
            || Text(body, "segmentationImportType") is not ("Update" or "Append" or "Overwrite")
            || !body.TryGetProperty("hasColumnNames", out var named) || !named.GetBoolean()
            || !body.TryGetProperty("fileMappings", out var mappings) || mappings.ValueKind != JsonValueKind.Array)
        {
            return Broke("an import without fileDelimiter, textQualifier, fileName, importType, segmentationImportType, hasColumnNames and fileMappings");
        }

        List<string[]> records;
        try
        {
            records = Csv.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(Text(body, "fileStream") ?? "")));
        }
        catch (FormatException)
        {
            return Broke("a fileStream that is not base64 CSV");
        }

        var header = records.Count > 0 ? records[0] : [];
        var columns = new Dictionary<int, string>();
        foreach (var mapping in mappings.EnumerateArray())
        {
            var column = mapping.GetProperty("fileColumn").GetInt32();
            var kind = Text(mapping, "fileColumnType");
            var fieldName = kind == "Email" ? "EmailAddress"
                : kind == "SegmentationField" && mapping.TryGetProperty("segmentationFieldId", out var f) && _fields.TryGetValue(f.ToString(), out var field)
                    && _groups[field.Group].List == list ? field.Name : null;
            if (fieldName is null || column >= header.Length || header[column] != fieldName || !columns.TryAdd(column, fieldName))
            {
                return Broke($"a mapping of column {column} ({kind}) that does not match the file's header or the list's fields");
            }
        }

        if (columns.Count != header.Length || columns.Values.Count(c => c == "EmailAddress") != 1
            || (importType == "AddSubscribers" && columns.Count > 1) || records.Skip(1).Any(r => r.Length != header.Length))
        {
            return Broke("a file whose columns are not each mapped once, with one Email column (and profile fields only with SegmentationData)");
        }

        var email = columns.Single(c => c.Value == "EmailAddress").Key;
        var members = _members.GetOrAdd(list, _ => new(StringComparer.OrdinalIgnoreCase));
        var job = new Job(Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture), importType);
        foreach (var record in records.Skip(1))
        {
            if (!Email().IsMatch(record[email]))
            {
                job.Failed++;
                continue;
            }

            job.Imported++;
            if (importType == "RemoveSubscribers")
            {
                members.TryRemove(record[email], out _);
                continue;
            }

            var profile = members.GetOrAdd(record[email], _ => []);
            lock (profile)
            {
                foreach (var (column, name) in columns.Where(c => c.Key != email))
                {
                    profile[name] = record[column];
                }
            }
        }

        _jobs[job.Id] = job;
        _imports.GetOrAdd(list, _ => new()).Enqueue(job);
        return Results.Json(new { status = 201, resourceId = job.Id }, statusCode: 201);
    }

    private IResult Status(HttpContext context, JsonElement body)
    {
        if (!_jobs.TryGetValue(Route(context, "importId"), out var job))
        {
            return Broke("a status request for an unknown import", 404, "ERROR_UNABLE_TO_LOCATE_RESOURCE");
        }

        var state = Interlocked.Increment(ref job.StatusReads) > pollsPerImport ? "Completed" : "Processing";
        return Results.Json(new { status = 200, data = new { importFileId = job.Id, importStatus = state } });
    }

    private IResult Summary(HttpContext context, JsonElement body)
    {
        if (!_jobs.TryGetValue(Route(context, "importId"), out var job) || job.StatusReads <= pollsPerImport)
        {
            return Broke("a summary request before the import completed", 404, "ERROR_UNABLE_TO_LOCATE_RESOURCE");
        }

        return Results.Json(new { status = 200, data = new { importFileId = job.Id, totalRows = job.Imported + job.Failed, importedCount = job.Imported, failedCount = job.Failed } });
    }

    private IResult Created(Action<string> store)
    {
        var id = Interlocked.Increment(ref _ids).ToString(System.Globalization.CultureInfo.InvariantCulture);
        store(id);
        return Results.Json(new { status = 201, resourceId = id }, statusCode: 201);
    }

    private IResult Broke(string what, int status = 400, string code = "ERROR_INVALID_PARAMETER")
    {
        Violation($"Listrak received {what}");
        return Error(status, code);
    }

    private static IResult Items<T>(IEnumerable<T> items) => Results.Json(new { status = 200, data = items.ToList() });

    private static IResult Error(int status, string code) => Results.Json(new { status, error = code, message = code.Replace('_', ' ') }, statusCode: status);

    private static string Route(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"^[^@\s""]+@[^@\s""]+\.[a-z]{2,}$")]
    private static partial Regex Email();

    private sealed class Job(string id, string importType)
    {
        public string Id => id;

        public string ImportType => importType;

        public int Imported { get; set; }

        public int Failed { get; set; }

        public int StatusReads;
    }
}
