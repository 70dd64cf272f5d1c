using System.Net.Http.Json;
using System.Text.Json;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Text;
using CampaignBot.Delivery.Connectors.Http;
using CampaignBot.Delivery.Connectors.Lists;

namespace CampaignBot.Delivery.Connectors.Criteo;

/// <summary>
/// Adds each batch to the Criteo contact-list audience segment named after the campaign and group: finds the
/// segment among the advertiser's contact lists (creating it once), then amends its contact list with the rows'
/// SHA-256 hashed emails, at most 50,000 per call. Settings: AccountId (the advertiser id); credentials:
/// ClientId and ClientSecret of a client-credentials app, exchanged for 15-minute bearer tokens.
/// </summary>
public sealed class CriteoConnector : IDestinationConnector, IRemovesMembers
{
    public const string DefaultEndpoint = "https://api.criteo.com";

    /// <summary>The newest stable version in Criteo's SDKs (2026-01); Criteo keeps a version about a year.</summary>
    public const string DefaultVersion = "2026-01";

    /// <summary>Identifiers per contact-list amendment (Criteo's documented maximum).</summary>
    public const int MaxIdentifiersPerCall = 50_000;

    private const string Service = "Criteo";
    private readonly DestinationHttpClient _http;
    private readonly string _advertiser;
    private readonly string _segments;
    private readonly int _perCall;
    private readonly RequestPacer _calls;
    private readonly NamedListIds _segmentIds;

    /// <param name="identifiersPerCall">At most <see cref="MaxIdentifiersPerCall"/>; smaller for tests.</param>
    public CriteoConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, TimeProvider clock,
        HttpMessageHandler? handler = null, int identifiersPerCall = MaxIdentifiersPerCall)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(identifiersPerCall);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(identifiersPerCall, MaxIdentifiersPerCall);
        InstanceChecks.RequireKind(instance, DestinationKind.Criteo);

        Instance = instance;
        _advertiser = InstanceChecks.AccountId(instance, "the Criteo advertiser id");
        _segments = $"{instance.ApiVersion ?? DefaultVersion}/marketing-solutions/audience-segments";
        _perCall = identifiersPerCall;
        var settings = HttpConnectorSettings.For(instance, DefaultEndpoint);
        Tokens = new ClientCredentialsTokenSource(new Uri(settings.BaseAddress, "oauth2/token"),
            InstanceChecks.Credential(instance, credentials, DestinationCredentials.ClientId), InstanceChecks.Credential(instance, credentials, DestinationCredentials.ClientSecret), clock);

        // Client-credentials apps get 250 calls a minute (developers.criteo.com rate limits); no per-second limit is published.
        CallLimits = instance.RequestsPerSecond is { } perSecond
            ? [new RateWindow(perSecond, TimeSpan.FromSeconds(1)), new RateWindow(instance.RequestsPerMinute ?? 250, TimeSpan.FromMinutes(1))]
            : [new RateWindow(instance.RequestsPerMinute ?? 250, TimeSpan.FromMinutes(1))];
        _calls = new RequestPacer(CallLimits, clock);
        var transport = new BearerTokenHandler(Tokens) { InnerHandler = handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } };
        _http = new DestinationHttpClient(Service, settings, new CriteoResponses(clock).ClassifyAsync, clock, transport);
        _segmentIds = new NamedListIds(FindSegmentAsync, CreateSegmentAsync);
    }

    public DestinationInstance Instance { get; }

    public IReadOnlyList<RateWindow> CallLimits { get; }

    /// <summary>The app's tokens, kept for the life of the connector.</summary>
    public ClientCredentialsTokenSource Tokens { get; }

    public static string Reference(string segmentId) => $"criteo audience segment {segmentId}";

    /// <summary>Idempotent per batch: a contact list is a set of identifiers, so adding a batch again adds no one twice.</summary>
    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var segment = await _segmentIds.EnsureAsync(batch.Target, cancellationToken).ConfigureAwait(false);
        return segment.Failure ?? await AmendAsync("add", batch, segment.Id!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the batch's people from the segment's contact list; a segment never made holds nobody to remove.</summary>
    public async Task<BatchOutcome> RemoveAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return await _segmentIds.RemoveFromAsync(batch, (segmentId, ct) => AmendAsync("remove", batch, segmentId, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Criteo keeps no completion record; returns where the segment is, or null when none was ever made.</summary>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var found = await _segmentIds.LookUpAsync(target.ListName, cancellationToken).ConfigureAwait(false);
        return found.IdForCompletion($"the Criteo audience segment {target.ListName}") is { } id ? new Uri(_http.BaseAddress, $"{_segments}/{id}/contact-list").ToString() : null;
    }

    private async Task<BatchOutcome> AmendAsync(string operation, DeliveryBatch batch, string segmentId, CancellationToken cancellationToken)
    {
        var column = IndexOfEmail(batch.Target.Fields);
        var identifiers = batch.Rows.Select(r => column < r.Length ? r[column] : null).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList();
        var rejected = batch.Rows.Count - identifiers.Count;
        foreach (var chunk in identifiers.Chunk(_perCall))
        {
            var body = new { data = new { type = "ContactlistAmendment", attributes = new { operation, identifierType = "email", identifiers = chunk } } };
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"{_segments}/{Uri.EscapeDataString(segmentId)}/contact-list") { Content = JsonContent.Create(body) };
            var answer = await _http.SendAsync(request, _calls, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                return answer.Failure!;
            }

            using (response)
            using (var result = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
            {
                // Bad identifiers are not errors to Criteo: they are only counted (destinations.md §4).
                rejected += result.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("attributes", out var attributes)
                    && attributes.TryGetProperty("nbInvalidIdentifiers", out var invalid) && invalid.TryGetInt32(out var count) ? count : 0;
            }
        }

        var accepted = batch.Rows.Count - rejected;
        var verb = operation == "add" ? "add" : "remove";
        return rejected switch
        {
            0 => new BatchOutcome.Delivered(batch.Rows.Count, Reference(segmentId)),
            _ when accepted <= 0 => new BatchOutcome.Permanent($"Criteo found none of the {Counted.Of(batch.Rows.Count, "email")} valid to {verb}; check that they are SHA-256 hex of trimmed, lower-cased addresses.", FailureKind.InvalidData),
            _ => new BatchOutcome.PartiallyRejected(accepted, rejected, $"Criteo counted {rejected} of {Counted.Of(batch.Rows.Count, "email")} invalid (empty, or not SHA-256 hex)."),
        };
    }

    private async Task<NameLookup> CreateSegmentAsync(DeliveryTarget target, CancellationToken cancellationToken)
    {
        var body = new
        {
            data = new[]
            {
                new
                {
                    type = "AudienceSegment",
                    attributes = new { advertiserId = _advertiser, name = target.ListName, description = $"CampaignBot audience for {target.Campaign}, {target.Group}", contactList = new { } },
                },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_segments}/create") { Content = JsonContent.Create(body) };
        var created = await _http.SendAsync(request, _calls, repeatable: false, cancellationToken).ConfigureAwait(false);
        if (created.Response is not { } response)
        {
            return NameLookup.Failed(created.Failure);
        }

        using (response)
        using (var result = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
        {
            // A 200 may still carry the refusal in errors[] (name-must-be-unique when another worker won the race).
            return result.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
                && data.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } segment && segment.TryGetProperty("id", out var id)
                ? NameLookup.Found(id.GetString()!)
                : NameLookup.Failed(new BatchOutcome.Permanent(
                    $"Criteo did not create the audience segment ({string.Join(", ", CriteoResponses.Codes(result.RootElement, "errors"))}).", FailureKind.Configuration));
        }
    }

    private async Task<NameLookup> FindSegmentAsync(string name, CancellationToken cancellationToken)
    {
        const int limit = 100;
        var body = new { data = new { attributes = new { audienceSegmentTypes = new[] { "ContactList" }, advertiserIds = new[] { _advertiser } } } };
        var offset = 0;
        while (true)
        {
            // Search only reads, so it may be retried like a GET.
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{_segments}/search?limit={limit}&offset={offset}") { Content = JsonContent.Create(body) };
            var answer = await _http.SendAsync(request, _calls, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                return NameLookup.Failed(answer.Failure);
            }

            using (response)
            using (var page = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
            {
                var segments = page.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().ToList() : [];
                foreach (var segment in segments)
                {
                    if (segment.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty("name", out var named) && named.GetString() == name)
                    {
                        return NameLookup.Found(segment.GetProperty("id").GetString()!);
                    }
                }

                var total = page.RootElement.TryGetProperty("meta", out var meta) && meta.TryGetProperty("totalItems", out var items) && items.TryGetInt32(out var t) ? t : (int?)null;
                if (segments.Count == 0 || (total is { } all ? offset + segments.Count >= all : segments.Count < limit))
                {
                    return NameLookup.Missing;
                }

                // The next page starts after what came back, which may be fewer than asked for.
                offset += segments.Count;
            }
        }
    }

    private static int IndexOfEmail(IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i], "email", StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return 0;
    }


    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
}
