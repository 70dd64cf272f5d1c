using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>
/// Adds each batch to the Klaviyo list named after the campaign and group: finds the list by name (creating
/// it once; creation is capped at 150 a day), then sends the rows as profile bulk import jobs with the list
/// as their relationship and polls each job until Klaviyo has finished it. Credentials: ApiKey (a private key
/// with lists:write and profiles:write).
/// </summary>
public sealed class KlaviyoConnector : IDestinationConnector
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

    public static string Reference(string listId) => $"klaviyo list {listId}";

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
        var rejected = oversized;
        foreach (var job in jobs)
        {
            var result = await ImportAsync(job, list.Id!, cancellationToken).ConfigureAwait(false);
            if (result.Failure is { } jobFailure)
            {
                return jobFailure;
            }

            rejected += result.Failed;
        }

        var accepted = batch.Rows.Count - rejected;
        return rejected switch
        {
            0 => new BatchOutcome.Delivered(batch.Rows.Count, Reference(list.Id!)),
            _ when accepted == 0 => new BatchOutcome.Permanent($"Klaviyo imported none of the {batch.Rows.Count} profiles; check the identifiers sent.", FailureKind.InvalidData),
            _ => new BatchOutcome.PartiallyRejected(accepted, rejected,
                $"Klaviyo could not import {rejected} of {batch.Rows.Count} profiles (too large, or without a usable email, phone or external id); the import errors are in Klaviyo."),
        };
    }

    /// <summary>Klaviyo keeps no completion record; returns where the list is, or null when none was ever made.</summary>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var found = await FindListAsync(target.ListName, cancellationToken).ConfigureAwait(false);
        return found.Failure switch
        {
            BatchOutcome.Permanent p => throw new IOException($"Checking the Klaviyo list {target.ListName} failed: {p.Reason}"),
            BatchOutcome.Transient t => throw new IOException($"Checking the Klaviyo list {target.ListName} failed: {t.Reason}"),
            _ => found.Id is { } id ? new Uri(_http.BaseAddress, $"api/lists/{id}").ToString() : null,
        };
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

    private async Task<(int Failed, BatchOutcome? Failure)> ImportAsync(JobBody job, string listId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "api/profile-bulk-import-jobs", job.Json);
        var answer = await _http.SendAsync(request, _imports, repeatable: true, cancellationToken).ConfigureAwait(false);
        if (answer.Response is not { } response)
        {
            return (0, answer.Failure);
        }

        string jobId;
        using (response)
        using (var created = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
        {
            jobId = created.RootElement.GetProperty("data").GetProperty("id").GetString()!;
        }

        // Jobs of up to 10,000 profiles usually finish in seconds to minutes; beyond an hour, hand it back.
        var giveUpAt = _clock.GetUtcNow() + TimeSpan.FromHours(1);
        while (true)
        {
            await Task.Delay(_pollInterval, _clock, cancellationToken).ConfigureAwait(false);
            using var poll = Request(HttpMethod.Get, $"api/profile-bulk-import-jobs/{Uri.EscapeDataString(jobId)}", body: null);
            var status = await _http.SendAsync(poll, _jobReads, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (status.Response is not { } polled)
            {
                return (0, status.Failure);
            }

            using (polled)
            using (var state = await ReadAsync(polled, cancellationToken).ConfigureAwait(false))
            {
                var attributes = state.RootElement.GetProperty("data").GetProperty("attributes");
                switch (attributes.GetProperty("status").GetString())
                {
                    case "complete":
                        return (attributes.TryGetProperty("failed_count", out var failed) && failed.ValueKind == JsonValueKind.Number ? failed.GetInt32() : 0, null);
                    case "cancelled":
                        return (0, new BatchOutcome.Transient($"Klaviyo cancelled import job {jobId} for list {listId}.", null, FailureKind.ServiceDown));
                }
            }

            if (_clock.GetUtcNow() > giveUpAt)
            {
                return (0, new BatchOutcome.Transient($"Klaviyo import job {jobId} was still not finished after an hour.", null, FailureKind.ServiceDown));
            }
        }
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
