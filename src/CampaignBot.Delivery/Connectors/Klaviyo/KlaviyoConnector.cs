using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>
/// Adds each batch to the Klaviyo list named after the campaign and group: finds the list by name (creating
/// it once; creation is capped at 150 a day), then sends the rows as profile bulk import jobs with the list
/// as their relationship. A batch is done once Klaviyo has accepted its jobs; completing the target polls
/// every job to the end and keeps the profiles they imported for <see cref="CountDeliveredAsync"/>.
/// Credentials: ApiKey (a private key with lists:write and profiles:write).
/// </summary>
public sealed class KlaviyoConnector : IDestinationConnector, IVerifiesDelivery
{
    public const string DefaultEndpoint = "https://a.klaviyo.com";
    public const string DefaultRevision = "2025-10-15";
    private const string Service = "Klaviyo";
    private static readonly MediaTypeHeaderValue JsonApi = new("application/vnd.api+json");
    private readonly DestinationHttpClient _http;
    private readonly string _apiKey;
    private readonly string _revision;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _pollInterval;
    private readonly ConcurrentDictionary<string, string> _listIds = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _listGate = new(1, 1);

    // One connector serves every run of its instance at once, so what a completion found is kept per delivery.
    private readonly ConcurrentDictionary<(string RunId, string ListName), long> _imported = new();

    // Klaviyo limits each endpoint separately (developers.klaviyo.com rate limits); the upload tier is the account's.
    private readonly RequestPacer _imports;
    private readonly RequestPacer _jobReads;
    private readonly RequestPacer _listReads;
    private readonly RequestPacer _listCreates;

    public KlaviyoConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(credentials);
        if (instance.Kind != DestinationKind.Klaviyo)
        {
            throw new ArgumentException($"Destination '{instance.Name}' is {instance.Descriptor.DisplayName}, not Klaviyo.", nameof(instance));
        }

        Instance = instance;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _apiKey = credentials.TryGetValue(DestinationCredentials.ApiKey, out var key) && !string.IsNullOrWhiteSpace(key)
            ? key
            : throw new InvalidOperationException($"Destination '{instance.Name}' has no {DestinationCredentials.ApiKey} under {instance.CredentialsReference}.");
        _revision = instance.ApiVersion ?? DefaultRevision;
        _pollInterval = instance.PollInterval ?? TimeSpan.FromSeconds(2);
        UploadLimits = [new RateWindow(instance.RequestsPerSecond ?? 10, TimeSpan.FromSeconds(1)), new RateWindow(instance.RequestsPerMinute ?? 150, TimeSpan.FromMinutes(1))];
        _imports = new RequestPacer(UploadLimits, clock);
        _jobReads = new RequestPacer(UploadLimits, clock);
        _listReads = new RequestPacer([new RateWindow(75, TimeSpan.FromSeconds(1)), new RateWindow(750, TimeSpan.FromMinutes(1))], clock);
        _listCreates = new RequestPacer([new RateWindow(10, TimeSpan.FromSeconds(1)), new RateWindow(150, TimeSpan.FromMinutes(1))], clock);
        _http = new DestinationHttpClient(Service, HttpConnectorSettings.For(instance, DefaultEndpoint),
            (response, _) => ValueTask.FromResult(HttpVerdict.FromStatus(Service, response)), clock, handler);
    }

    public DestinationInstance Instance { get; }

    /// <summary>The limits of the bulk import endpoints this instance keeps to (its account's tier).</summary>
    public IReadOnlyList<RateWindow> UploadLimits { get; }

    /// <summary>A batch's reference: its list and every import job it was split into, for the completion to poll.</summary>
    public static string Reference(string listId, IEnumerable<string> jobIds) => $"klaviyo list {listId} jobs {string.Join(',', jobIds)}";

    /// <summary>The job ids a batch's reference (or a partial batch's reason, which starts with it) names.</summary>
    public static IReadOnlyList<string> JobIds(string? reference)
    {
        const string Marker = " jobs ";
        var at = reference?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return [];
        }

        var ids = reference![(at + Marker.Length)..];
        var end = ids.IndexOf(';', StringComparison.Ordinal);
        return (end < 0 ? ids : ids[..end]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>
    /// Idempotent per batch without any bookkeeping: a bulk import is an upsert keyed on the profile's email,
    /// phone or external id, and list membership is a set, so sending a batch again (after a timeout, a crash
    /// or a partial split) updates the same profiles and adds no one twice.
    /// </summary>
    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var list = await EnsureListAsync(batch.Target.ListName, cancellationToken).ConfigureAwait(false);
        if (list.Failure is { } failure)
        {
            return failure;
        }

        var (jobs, oversized) = KlaviyoProfiles.Jobs(batch, list.Id!);
        var jobIds = new List<string>(jobs.Count);
        foreach (var job in jobs)
        {
            var accepted = await ImportAsync(job, cancellationToken).ConfigureAwait(false);
            if (accepted.Failure is { } jobFailure)
            {
                return jobFailure;
            }

            jobIds.Add(accepted.JobId!);
        }

        // An accepted job is durable: Klaviyo runs it to the end, and its failed profiles are counted at completion.
        var reference = Reference(list.Id!, jobIds);
        return oversized switch
        {
            0 => new BatchOutcome.Delivered(batch.Rows.Count, reference),
            _ when jobIds.Count == 0 => new BatchOutcome.Permanent($"All {batch.Rows.Count} profiles are over Klaviyo's 100 KB limit; none was sent.", FailureKind.InvalidData),

            // The run keeps a partial batch's reason as its reference, so the reason starts with the jobs to poll.
            _ => new BatchOutcome.PartiallyRejected(batch.Rows.Count - oversized, oversized,
                $"{reference}; {oversized} of {batch.Rows.Count} profiles are over Klaviyo's 100 KB limit and were not sent."),
        };
    }

    /// <summary>
    /// Polls every job the batches name until Klaviyo has finished it and keeps the profiles imported for
    /// <see cref="CountDeliveredAsync"/>; returns where the list is, or null when none was ever made.
    /// </summary>
    /// <exception cref="IOException">A job was cancelled, never finished, or could not be read.</exception>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(batches);
        var jobIds = batches.SelectMany(b => JobIds(b.Reference)).Distinct(StringComparer.Ordinal).ToList();

        // Batches recorded without job ids were polled to completion when they were sent, by an earlier version.
        long imported = batches.Where(b => JobIds(b.Reference).Count == 0).Sum(b => (long)b.Rows);
        var byJob = new ConcurrentBag<long>();

        // More pollers than the job-read window admits per second would only queue at its pacer.
        var options = new ParallelOptions { MaxDegreeOfParallelism = _jobReads.Windows.Min(w => w.Permits), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(jobIds, options, async (jobId, token) => byJob.Add(await AwaitJobAsync(jobId, target.ListName, token).ConfigureAwait(false)))
            .ConfigureAwait(false);
        _imported[(target.RunId, target.ListName)] = imported + byJob.Sum();

        var found = await FindListAsync(target.ListName, cancellationToken).ConfigureAwait(false);
        return found.Failure switch
        {
            BatchOutcome.Permanent p => throw new IOException($"Checking the Klaviyo list {target.ListName} failed: {p.Reason}"),
            BatchOutcome.Transient t => throw new IOException($"Checking the Klaviyo list {target.ListName} failed: {t.Reason}"),
            _ => found.Id is { } id ? new Uri(_http.BaseAddress, $"api/lists/{id}").ToString() : null,
        };
    }

    /// <summary>The profiles the target's jobs imported, once <see cref="CompleteAsync"/> has polled them; read once.</summary>
    public Task<long?> CountDeliveredAsync(DeliveryTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);

        // Removed on reading so a long-lived shared connector does not keep every delivery it ever completed.
        return Task.FromResult(_imported.TryRemove((target.RunId, target.ListName), out var imported) ? imported : (long?)null);
    }

    /// <summary>The list's id, creating the list only when a lookup just before finds none.</summary>
    private async Task<ListAnswer> EnsureListAsync(string name, CancellationToken cancellationToken)
    {
        if (_listIds.TryGetValue(name, out var known))
        {
            return new ListAnswer(known, null);
        }

        // One creator at a time, so two batches of a new list cannot both create it.
        await _listGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another batch may have found or made it while this one waited.
            if (_listIds.TryGetValue(name, out var meanwhile))
            {
                return new ListAnswer(meanwhile, null);
            }

            var found = await FindListAsync(name, cancellationToken).ConfigureAwait(false);
            if (found.Failure is not null || found.Id is not null)
            {
                return found;
            }

            using var request = Request(HttpMethod.Post, "api/lists", JsonSerializer.SerializeToUtf8Bytes(new { data = new { type = "list", attributes = new { name } } }));
            var created = await _http.SendAsync(request, _listCreates, repeatable: false, cancellationToken).ConfigureAwait(false);
            if (created.Response is { } response)
            {
                using (response)
                {
                    var id = (await ReadAsync(response, cancellationToken).ConfigureAwait(false)).RootElement.GetProperty("data").GetProperty("id").GetString()!;
                    _listIds[name] = id;
                    return new ListAnswer(id, null);
                }
            }

            // The create may have happened even though the answer was lost: look again before anyone retries it.
            var again = await FindListAsync(name, cancellationToken).ConfigureAwait(false);
            return again.Id is not null ? again : new ListAnswer(null, created.Failure);
        }
        finally
        {
            _listGate.Release();
        }
    }

    private async Task<ListAnswer> FindListAsync(string name, CancellationToken cancellationToken)
    {
        var escaped = name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        string? next = $"api/lists?filter={Uri.EscapeDataString($"equals(name,\"{escaped}\")")}&fields[list]=name";
        while (next is not null)
        {
            using var request = Request(HttpMethod.Get, next, body: null);
            var answer = await _http.SendAsync(request, _listReads, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                return new ListAnswer(null, answer.Failure);
            }

            using (response)
            using (var page = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
            {
                foreach (var list in page.RootElement.GetProperty("data").EnumerateArray())
                {
                    if (list.GetProperty("attributes").GetProperty("name").GetString() == name)
                    {
                        var id = list.GetProperty("id").GetString()!;
                        _listIds[name] = id;
                        return new ListAnswer(id, null);
                    }
                }

                next = page.RootElement.TryGetProperty("links", out var links) && links.TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String
                    ? link.GetString()
                    : null;
            }
        }

        return new ListAnswer(null, null);
    }

    private async Task<(string? JobId, BatchOutcome? Failure)> ImportAsync(JobBody job, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "api/profile-bulk-import-jobs", job.Json);
        var answer = await _http.SendAsync(request, _imports, repeatable: true, cancellationToken).ConfigureAwait(false);
        if (answer.Response is not { } response)
        {
            return (null, answer.Failure);
        }

        using (response)
        using (var created = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return (created.RootElement.GetProperty("data").GetProperty("id").GetString()!, null);
        }
    }

    /// <summary>The profiles the job imported, once it is complete: completed_count, or total less failed.</summary>
    private async Task<long> AwaitJobAsync(string jobId, string listName, CancellationToken cancellationToken)
    {
        // Jobs of up to 10,000 profiles usually finish in seconds to minutes; beyond an hour, hand it back.
        var giveUpAt = _clock.GetUtcNow() + TimeSpan.FromHours(1);
        while (true)
        {
            using var poll = Request(HttpMethod.Get, $"api/profile-bulk-import-jobs/{Uri.EscapeDataString(jobId)}", body: null);
            var status = await _http.SendAsync(poll, _jobReads, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (status.Response is not { } polled)
            {
                var reason = status.Failure switch { BatchOutcome.Transient t => t.Reason, BatchOutcome.Permanent p => p.Reason, var other => other?.ToString() };
                throw new IOException($"Reading Klaviyo import job {jobId} for list {listName} failed: {reason}");
            }

            using (polled)
            using (var state = await ReadAsync(polled, cancellationToken).ConfigureAwait(false))
            {
                var attributes = state.RootElement.GetProperty("data").GetProperty("attributes");
                switch (attributes.GetProperty("status").GetString())
                {
                    case "complete":
                        return Count(attributes, "completed_count") ?? (Count(attributes, "total_count") ?? 0) - (Count(attributes, "failed_count") ?? 0);
                    case "cancelled":
                        throw new IOException($"Klaviyo cancelled import job {jobId} for list {listName}; deliver the run again to resend its profiles.");
                }
            }

            if (_clock.GetUtcNow() > giveUpAt)
            {
                throw new IOException($"Klaviyo import job {jobId} for list {listName} was still not finished after an hour.");
            }

            await Task.Delay(_pollInterval, _clock, cancellationToken).ConfigureAwait(false);
        }

        static long? Count(JsonElement attributes, string name) =>
            attributes.TryGetProperty(name, out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt64() : null;
    }

    private HttpRequestMessage Request(HttpMethod method, string path, byte[]? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Klaviyo-API-Key", _apiKey);
        request.Headers.Add("revision", _revision);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonApi.MediaType!));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonApi } };
        }

        return request;
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);

    private sealed record ListAnswer(string? Id, BatchOutcome? Failure);
}
