using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Attentive;

/// <summary>
/// Adds each batch to the Attentive segment of its campaign and group through the Segments API v2: the segment
/// carries a deterministic externalId, so it is looked up by that id and created only when missing; members go
/// in bulk requests of at most 10,000 (email or E.164 phone, plus clientUserId from customer_id), each one a
/// bulk job polled until it completes. Credentials: ApiKey (a private app's key, sent as the bearer token).
/// </summary>
public sealed class AttentiveApiConnector : IDestinationConnector, IRemovesMembers
{
    public const string DefaultEndpoint = "https://api.attentivemobile.com";

    /// <summary>Members per bulk request (Segments API v2: 1 to 10,000).</summary>
    public const int MaxMembersPerRequest = 10_000;

    /// <summary>
    /// Requests per second unless RequestsPerSecond is set: Attentive allows 100 to 150 per endpoint, and the
    /// account's other integrations share that budget.
    /// </summary>
    public const int DefaultRequestsPerSecond = 20;

    private const string Service = "Attentive";
    private const string Members = "v2/bulk/segments/members";
    private readonly DestinationHttpClient _http;
    private readonly string _apiKey;
    private readonly int _perRequest;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _clock;
    private readonly RequestPacer _calls;
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _segmentGate = new(1, 1);

    /// <param name="membersPerRequest">At most <see cref="MaxMembersPerRequest"/>; smaller for tests.</param>
    public AttentiveApiConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, TimeProvider clock,
        HttpMessageHandler? handler = null, int membersPerRequest = MaxMembersPerRequest)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(membersPerRequest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(membersPerRequest, MaxMembersPerRequest);
        if (instance.Kind != DestinationKind.Attentive || instance.Transport == DestinationTransport.Sftp)
        {
            throw new ArgumentException($"Destination '{instance.Name}' is not Attentive with Transport Api.", nameof(instance));
        }

        Instance = instance;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _apiKey = InstanceChecks.Credential(instance, credentials, DestinationCredentials.ApiKey);
        _perRequest = membersPerRequest;
        _pollInterval = instance.PollInterval ?? TimeSpan.FromSeconds(2);
        CallLimits = instance.RequestsPerMinute is { } perMinute
            ? [new RateWindow(instance.RequestsPerSecond ?? DefaultRequestsPerSecond, TimeSpan.FromSeconds(1)), new RateWindow(perMinute, TimeSpan.FromMinutes(1))]
            : [new RateWindow(instance.RequestsPerSecond ?? DefaultRequestsPerSecond, TimeSpan.FromSeconds(1))];
        _calls = new RequestPacer(CallLimits, clock);
        _http = new DestinationHttpClient(Service, HttpConnectorSettings.For(instance, DefaultEndpoint), AttentiveResponses.ClassifyAsync, clock, handler);
    }

    public DestinationInstance Instance { get; }

    public IReadOnlyList<RateWindow> CallLimits { get; }

    public static string Reference(string externalId) => $"attentive segment {externalId}";

    /// <summary>
    /// The segment's externalId: a slug of the list name (campaign and group) and a hash of it, so every run of
    /// the group finds the same segment and two names that slug alike still differ.
    /// </summary>
    public static string ExternalId(DeliveryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var slug = new StringBuilder();
        foreach (var c in target.ListName.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target.ListName)))[..12];
        var text = slug.ToString().Trim('-');
        return $"campaignbot-{(text.Length > 100 ? text[..100].TrimEnd('-') : text)}-{hash}";
    }

    /// <summary>Idempotent per batch: a segment is a set of subscribers, so adding a batch again adds no one twice.</summary>
    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (SegmentIdentifier.Of(batch) is { Refusal: { } refusal })
        {
            return new BatchOutcome.Permanent(refusal, FailureKind.InvalidData);
        }

        var externalId = ExternalId(batch.Target);
        return await EnsureSegmentAsync(batch.Target, externalId, cancellationToken).ConfigureAwait(false)
            ?? await SendMembersAsync(HttpMethod.Post, batch, externalId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the batch's people from the segment (DELETE with the same body); a segment never made holds nobody to remove.</summary>
    public async Task<BatchOutcome> RemoveAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (SegmentIdentifier.Of(batch) is { Refusal: { } refusal })
        {
            return new BatchOutcome.Permanent(refusal, FailureKind.InvalidData);
        }

        var externalId = ExternalId(batch.Target);
        if (!IsKnown(externalId))
        {
            var found = await FindSegmentAsync(externalId, cancellationToken).ConfigureAwait(false);
            if (found.Failure is { } failure)
            {
                return failure;
            }

            if (!found.Exists)
            {
                return new BatchOutcome.Delivered(batch.Rows.Count, null);
            }
        }

        return await SendMembersAsync(HttpMethod.Delete, batch, externalId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Attentive keeps no completion record; returns where the segment is, or null when none was ever made.</summary>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var externalId = ExternalId(target);
        var found = await FindSegmentAsync(externalId, cancellationToken).ConfigureAwait(false);
        return found.Failure switch
        {
            BatchOutcome.Permanent p => throw new CompletionFailedException($"Checking the Attentive segment {target.ListName} failed: {p.Reason}", p.Kind),
            BatchOutcome.Transient t => throw new CompletionFailedException($"Checking the Attentive segment {target.ListName} failed: {t.Reason}", t.Kind),
            _ => found.Exists ? new Uri(_http.BaseAddress, AttentiveResponses.SegmentLookup + Uri.EscapeDataString(externalId)).ToString() : null,
        };
    }

    private async Task<BatchOutcome> SendMembersAsync(HttpMethod method, DeliveryBatch batch, string externalId, CancellationToken cancellationToken)
    {
        var members = AttentiveMembers.Of(batch);
        foreach (var chunk in members.Chunk(_perRequest))
        {
            using var request = Authorized(new HttpRequestMessage(method, Members) { Content = JsonContent.Create(new { externalId, members = chunk }) });
            var answer = await _http.SendAsync(request, _calls, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                return answer.Failure!;
            }

            string? jobId;
            using (response)
            using (var body = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
            {
                jobId = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("batchJobId", out var id) ? id.ToString() : null;
            }

            if (jobId is null)
            {
                return new BatchOutcome.Transient($"Attentive accepted members for segment {externalId} without naming the bulk job; the batch will be sent again.", _pollInterval, FailureKind.ServiceDown);
            }

            if (await AwaitJobAsync(jobId, cancellationToken).ConfigureAwait(false) is { } failure)
            {
                return failure;
            }
        }

        return new BatchOutcome.Delivered(batch.Rows.Count, Reference(externalId));
    }

    private async Task<BatchOutcome?> AwaitJobAsync(string jobId, CancellationToken cancellationToken)
    {
        // Jobs stay queryable for two weeks, but a batch should not wait on one for more than an hour.
        var giveUpAt = _clock.GetUtcNow() + TimeSpan.FromHours(1);
        while (true)
        {
            using var request = Authorized(new HttpRequestMessage(HttpMethod.Get, $"v2/bulk/job/{Uri.EscapeDataString(jobId)}"));
            var answer = await _http.SendAsync(request, _calls, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                return answer.Failure;
            }

            string? status;
            using (response)
            using (var body = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
            {
                status = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
            }

            switch (status)
            {
                case "COMPLETED":
                    return null;
                case "FAILED":
                    // Attentive gives no reason; adding members again is harmless, so the batch goes back to be sent again.
                    return new BatchOutcome.Transient($"Attentive could not process bulk job {jobId}; the batch will be sent again.", null, FailureKind.ServiceDown);
            }

            if (_clock.GetUtcNow() > giveUpAt)
            {
                return new BatchOutcome.Transient($"Attentive had not finished bulk job {jobId} after an hour.", _pollInterval, FailureKind.ServiceDown);
            }

            await Task.Delay(_pollInterval, _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<BatchOutcome?> EnsureSegmentAsync(DeliveryTarget target, string externalId, CancellationToken cancellationToken)
    {
        if (IsKnown(externalId))
        {
            return null;
        }

        // One creator at a time, so two batches of a new segment cannot both create it.
        await _segmentGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsKnown(externalId))
            {
                return null;
            }

            var found = await FindSegmentAsync(externalId, cancellationToken).ConfigureAwait(false);
            if (found.Failure is not null || found.Exists)
            {
                return found.Failure;
            }

            var description = $"CampaignBot audience for {target.Campaign}, {target.Group}";
            var body = new { name = target.ListName, description = description.Length > 500 ? description[..500] : description, externalId };
            using var request = Authorized(new HttpRequestMessage(HttpMethod.Post, "v2/segments") { Content = JsonContent.Create(body) });
            var created = await _http.SendAsync(request, _calls, repeatable: false, cancellationToken).ConfigureAwait(false);
            if (created.Response is { } response)
            {
                response.Dispose();
                Remember(externalId);
                return null;
            }

            // The segment may exist although the answer was lost: look again rather than create a second one.
            var again = await FindSegmentAsync(externalId, cancellationToken).ConfigureAwait(false);
            return again.Exists ? null : created.Failure;
        }
        finally
        {
            _segmentGate.Release();
        }
    }

    private async Task<SegmentAnswer> FindSegmentAsync(string externalId, CancellationToken cancellationToken)
    {
        using var request = Authorized(new HttpRequestMessage(HttpMethod.Get, AttentiveResponses.SegmentLookup + Uri.EscapeDataString(externalId)));
        var answer = await _http.SendAsync(request, _calls, repeatable: true, cancellationToken).ConfigureAwait(false);
        if (answer.Response is not { } response)
        {
            return new SegmentAnswer(false, answer.Failure);
        }

        using (response)
        {
            var exists = response.StatusCode != HttpStatusCode.NotFound;
            if (exists)
            {
                Remember(externalId);
            }

            return new SegmentAnswer(exists, null);
        }
    }

    private bool IsKnown(string externalId) => _known.ContainsKey(externalId);

    private void Remember(string externalId) => _known[externalId] = true;

    // The key goes only in the Authorization header, never in a URL or a body, where logs could keep it.
    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        return request;
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
        }
        catch (JsonException)
        {
            // A proxy's page with a success status: no job id, which the caller reports.
            return JsonDocument.Parse("{}");
        }
    }

    private sealed record SegmentAnswer(bool Exists, BatchOutcome? Failure);
}
