using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// The profile bulk import jobs: accepted at once (202, queued) and imported afterwards, as Klaviyo queues them;
/// read one at a time or through the job list as get_bulk_profile_import_jobs documents it (page[size] 1–100,
/// default 20; page[cursor]; sort created_at or -created_at; filter on status with equals or any).
/// </summary>
public sealed partial class FakeKlaviyo
{
    private static readonly HashSet<string> JobFields = ["status", "total_count", "completed_count", "failed_count", "created_at", "started_at", "completed_at", "expires_at"];
    private readonly ConcurrentDictionary<string, Job> _jobs = new();
    private int _jobCount;

    /// <summary>While set, new jobs are cancelled before they import anything, as when Klaviyo stops an import.</summary>
    public bool CancelJobs { get; set; }

    /// <summary>The list's jobs in the order they were created: each id and the profiles it imported.</summary>
    public IReadOnlyList<(string Id, int Imported)> JobsOf(string listId)
    {
        ImportsSettled();
        return _jobs.Values.Where(j => j.ListId == listId).OrderBy(j => j.Order).Select(j => (j.Id, j.Imported)).ToList();
    }

    // What a test reads is what the jobs accepted so far will have imported.
    private void ImportsSettled() => Task.WaitAll(_jobs.Values.Select(j => j.Import).ToArray());

    private async Task<IResult> CreateJob(HttpContext context)
    {
        // Keeping digests only, nothing refers to the body once its job has imported, so it comes from the pool and
        // goes back (a 1 MB body per job would otherwise be garbage on the large object heap, and the benchmark's peak).
        var rented = await RentedBody.ReadAsync(context.Request, pooled: !keepAttributes);
        var bytes = rented.Memory;
        if (bytes.Length > MaxBytes)
        {
            rented.Dispose();
            Violation($"a bulk import job of {bytes.Length} bytes");
            return Error(413, "payload_too_large");
        }

        var envelope = Envelope(bytes);
        var invalid = envelope is null ? "a bulk import job that is not data.attributes.profiles.data with a list in data.relationships"
            : envelope.Profiles > MaxProfiles ? $"a bulk import job of {envelope.Profiles} profiles"
            : envelope.Type != "profile-bulk-import-job" || envelope.ListId is null || !_lists.ContainsKey(envelope.ListId)
                ? "a bulk import job without a known list in relationships.lists" : null;
        if (invalid is not null)
        {
            rented.Dispose();
            Violation(invalid);
            return Error(400, "invalid");
        }

        var id = $"J{Interlocked.Increment(ref _nextId):D6}";
        var job = new Job(id, envelope!.ListId!, envelope.Profiles, Interlocked.Increment(ref _jobCount), ArrivedAt(context), CancelJobs);
        job.Done = job.CreatedAt + (jobProcessing ?? TimeSpan.Zero);
        job.Import = job.Cancelled ? Task.CompletedTask : Task.Run(() =>
        {
            using (rented)
            {
                Import(job, bytes, envelope.ProfilesArray);
            }
        });
        if (job.Cancelled)
        {
            rented.Dispose();
        }

        _jobs[id] = job;
        return Json(new { data = new { type = "profile-bulk-import-job", id, attributes = new { status = "queued", total_count = job.Total } } }, 202);
    }

    private static FakeKlaviyoBodies.Envelope? Envelope(ReadOnlyMemory<byte> body)
    {
        try
        {
            return FakeKlaviyoBodies.ReadEnvelope(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Members keep their attributes as slices of the job's body: a million profiles are a million dictionary
    // entries, not a million objects for the collector to walk.
    private void Import(Job job, ReadOnlyMemory<byte> body, Range profiles)
    {
        if (!keepAttributes)
        {
            ImportDigests(job, body, profiles);
            return;
        }

        var members = _members.GetOrAdd(job.ListId, _ => new());
        lock (members)
        {
            FakeKlaviyoBodies.ReadProfiles(body, profiles, profile =>
            {
                if (profile.Key.IsEmpty || profile.EmailWithoutAt)
                {
                    job.Failed++;
                    return;
                }

                members[new MemberKey(profile.Key)] = profile.Attributes;
            },
            problem =>
            {
                Violation($"a bulk import job with {problem}");
                job.Failed++;
            });
        }
    }

    private void ImportDigests(Job job, ReadOnlyMemory<byte> body, Range profiles)
    {
        var digests = new List<MemberDigest>(job.Total);
        FakeKlaviyoBodies.ReadProfiles(body, profiles, profile =>
        {
            if (profile.Key.IsEmpty || profile.EmailWithoutAt)
            {
                job.Failed++;
                return;
            }

            digests.Add(MemberDigest.Of(profile.Key.Span));
        },
        problem =>
        {
            Violation($"a bulk import job with {problem}");
            job.Failed++;
        });
        _compact.Add(job.ListId, digests);
    }

    private Task<IResult> ReadJob(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        return Task.FromResult(_jobs.TryGetValue(id, out var job) && Fields(context) is { } fields
            ? Json(new { data = Resource(job, fields) })
            : Error(404, "not_found"));
    }

    private Task<IResult> ListJobs(HttpContext context)
    {
        var query = context.Request.Query;
        var size = query.ContainsKey("page[size]") ? int.TryParse(query["page[size]"], CultureInfo.InvariantCulture, out var n) ? n : 0 : 20;
        var sort = query["sort"].ToString();
        var filter = StatusFilter().Match(query["filter"].ToString());
        var offset = query.ContainsKey("page[cursor]") ? int.TryParse(query["page[cursor]"], CultureInfo.InvariantCulture, out var c) ? c : -1 : 0;
        var fields = Fields(context);
        var problem = size is < 1 or > 100 ? $"a job list page of {query["page[size]"]}"
            : sort is not ("" or "created_at" or "-created_at") ? $"a job list sorted by {sort}"
            : query.ContainsKey("filter") && !filter.Success ? $"a job list filtered by {query["filter"]}"
            : offset < 0 ? "a job list with a cursor it never gave"
            : fields is null ? $"a job list with fields {query["fields[profile-bulk-import-job]"]}" : null;
        if (problem is not null)
        {
            Violation(problem);
            return Task.FromResult(Error(400, "invalid"));
        }

        var statuses = filter.Success ? filter.Groups["status"].Captures.Select(s => s.Value).ToHashSet() : null;
        var all = _jobs.Values.Where(j => statuses is null || statuses.Contains(StatusOf(j, counted: false)));
        var ordered = (sort == "-created_at" ? all.OrderByDescending(j => j.Order) : all.OrderBy(j => j.Order)).ToList();
        var data = ordered.Skip(offset).Take(size).Select(j => Resource(j, fields!)).ToList();
        var next = offset + size < ordered.Count ? NextPage(context, offset + size) : null;
        return Task.FromResult(Json(new { data, links = new { self = context.Request.GetEncodedPathAndQuery(), next } }));
    }

    // The same address with the cursor moved on; the profile lookup pages the same way.
    private string NextPage(HttpContext context, int offset)
    {
        var pairs = context.Request.Query.Where(q => q.Key != "page[cursor]").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"page[cursor]={offset}");
        return new Uri(BaseAddress, $"{context.Request.Path.Value!.TrimStart('/')}?{string.Join('&', pairs)}").ToString();
    }

    // Null when a field asked for is not one the job resource has.
    private static HashSet<string>? Fields(HttpContext context)
    {
        var asked = context.Request.Query["fields[profile-bulk-import-job]"].ToString();
        var fields = asked.Length == 0 ? JobFields : asked.Split(',').ToHashSet();
        return fields.IsSubsetOf(JobFields) ? fields : null;
    }

    private object Resource(Job job, HashSet<string> fields)
    {
        var status = StatusOf(job, counted: true);
        var done = status is "complete" or "cancelled";
        var attributes = new Dictionary<string, object?>
        {
            ["status"] = status,
            ["total_count"] = job.Total,
            ["completed_count"] = status == "complete" ? job.Imported : 0,
            ["failed_count"] = status == "complete" ? job.Failed : 0,
            ["created_at"] = job.CreatedAt,
            ["started_at"] = job.CreatedAt,
            ["completed_at"] = done ? job.Done : null,
            ["expires_at"] = job.CreatedAt.AddDays(7),
        };
        return new { type = "profile-bulk-import-job", id = job.Id, attributes = attributes.Where(a => fields.Contains(a.Key)).ToDictionary() };
    }

    // With no processing time set, a job reads as processing the first time it is read and complete after.
    private string StatusOf(Job job, bool counted)
    {
        var reads = counted ? Interlocked.Increment(ref job.Reads) : job.Reads + 1;
        return job.Cancelled ? "cancelled"
            : job.Import.IsCompleted && (jobProcessing is null ? reads > 1 : DateTimeOffset.UtcNow >= job.Done) ? "complete"
            : "processing";
    }

    [GeneratedRegex(@"^(equals\(status,""(?<status>[a-z]+)""\)|any\(status,\[""(?<status>[a-z]+)""(,""(?<status>[a-z]+)"")*\]\))$")]
    private static partial Regex StatusFilter();

    private sealed class Job(string id, string listId, int total, int order, DateTimeOffset createdAt, bool cancelled)
    {
        public int Reads;

        public int Failed;

        public string Id => id;

        public string ListId => listId;

        public int Total => total;

        public int Order => order;

        public DateTimeOffset CreatedAt => createdAt;

        public bool Cancelled => cancelled;

        public int Imported => cancelled ? 0 : total - Failed;

        public DateTimeOffset Done { get; set; }

        public Task Import { get; set; } = Task.CompletedTask;
    }
}
