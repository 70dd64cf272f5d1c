using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Http;
using CampaignBot.Delivery.Connectors.Lists;

namespace CampaignBot.Delivery.Connectors.TikTokAds;

/// <summary>
/// Adds each batch to the TikTok custom audience named after the campaign and group through the segment
/// (streaming) API, as Segment's production TikTok Audiences destination does: finds the audience among the
/// advertiser's custom audiences by name (creating it once with /segment/audience/), then posts the rows to
/// /segment/mapping/ with id_schema = the target's fields (EMAIL_SHA256, PHONE_SHA256, IDFA_SHA256, GAID_SHA256)
/// and one slot per field in each row. Settings: AccountId (the advertiser id); credentials: AccessToken, sent
/// only in the Access-Token header.
/// </summary>
public sealed class TikTokAdsConnector : IDestinationConnector, IRemovesMembers
{
    public const string DefaultEndpoint = "https://business-api.tiktok.com/open_api";
    public const string DefaultVersion = "v1.3";

    /// <summary>
    /// Rows per /segment/mapping/ call. TikTok publishes no maximum (error 40061 INVALID_BATCH_SIZE exists, the
    /// number is unconfirmed); Tealium's connector sends at most 1,000, so larger batches go in calls of 1,000.
    /// </summary>
    public const int MaxRowsPerCall = 1_000;

    private const string Service = "TikTok";
    private const int AudiencesPerPage = 100;
    private readonly DestinationHttpClient _http;
    private readonly string _token;
    private readonly string _version;
    private readonly string _advertiser;
    private readonly RequestPacer _calls;
    private readonly NamedListIds _audiences;

    public TikTokAdsConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(clock);
        InstanceChecks.RequireKind(instance, DestinationKind.TikTokAds);

        Instance = instance;
        _token = InstanceChecks.Credential(instance, credentials, DestinationCredentials.AccessToken);
        _advertiser = InstanceChecks.AccountId(instance, "the TikTok advertiser id");
        _version = instance.ApiVersion ?? DefaultVersion;
        // The Business API's numeric limits are unpublished; these defaults stay low and body code 40100 is waited out.
        CallLimits = [new RateWindow(instance.RequestsPerSecond ?? 5, TimeSpan.FromSeconds(1)), new RateWindow(instance.RequestsPerMinute ?? 150, TimeSpan.FromMinutes(1))];
        _calls = new RequestPacer(CallLimits, clock);
        _http = new DestinationHttpClient(Service, HttpConnectorSettings.For(instance, DefaultEndpoint), TikTokErrors.ClassifyAsync, clock, handler);
        _audiences = new NamedListIds(FindAudienceAsync, CreateAudienceAsync);
    }

    public DestinationInstance Instance { get; }

    public IReadOnlyList<RateWindow> CallLimits { get; }

    public static string Reference(string audienceId) => $"tiktok audience {audienceId}";

    /// <summary>
    /// Idempotent per batch: an audience is a set of hashed identities, so mapping the same rows again adds no
    /// one twice. A batch over <see cref="MaxRowsPerCall"/> goes in several calls; a failure part-way returns the
    /// failure and the retry sends the whole batch again, harmlessly.
    /// </summary>
    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var audience = await _audiences.EnsureAsync(batch.Target, cancellationToken).ConfigureAwait(false);
        return audience.Failure ?? await MapAsync("add", batch, audience.Id!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the batch's people from the audience (the same /segment/mapping/ call with action "delete"), for a
    /// recurring campaign whose group they left. An audience that does not exist yet holds nobody to remove.
    /// </summary>
    public async Task<BatchOutcome> RemoveAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return await _audiences.RemoveFromAsync(batch, (audienceId, ct) => MapAsync("delete", batch, audienceId, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>TikTok keeps no completion record; returns the audience's reference, or null when none was ever made.</summary>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var found = await _audiences.LookUpAsync(target.ListName, cancellationToken).ConfigureAwait(false);
        return found.IdForCompletion($"the TikTok audience {target.ListName}") is { } id ? Reference(id) : null;
    }

    private async Task<BatchOutcome> MapAsync(string action, DeliveryBatch batch, string audienceId, CancellationToken cancellationToken)
    {
        foreach (var rows in batch.Rows.Chunk(MaxRowsPerCall))
        {
            var body = new
            {
                advertiser_ids = new[] { _advertiser },
                action,
                id_schema = batch.Target.Fields,
                // Each row is positional against id_schema; a missing identifier keeps its slot as {}.
                batch_data = rows.Select(row => row.Select(value => string.IsNullOrEmpty(value) ? (object)new { } : new { id = value, audience_ids = new[] { audienceId } })),
            };
            using var request = Authorized(new HttpRequestMessage(HttpMethod.Post, $"{_version}/segment/mapping/") { Content = JsonContent.Create(body) });
            var answer = await _http.SendAsync(request, _calls, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                return answer.Failure!;
            }

            response.Dispose();
        }

        return new BatchOutcome.Delivered(batch.Rows.Count, Reference(audienceId));
    }

    private async Task<NameLookup> CreateAudienceAsync(DeliveryTarget target, CancellationToken cancellationToken)
    {
        var body = new { advertiser_id = _advertiser, custom_audience_name = target.ListName, action = "create" };
        using var request = Authorized(new HttpRequestMessage(HttpMethod.Post, $"{_version}/segment/audience/") { Content = JsonContent.Create(body) });
        var created = await _http.SendAsync(request, _calls, repeatable: false, cancellationToken).ConfigureAwait(false);
        if (created.Response is not { } response)
        {
            return NameLookup.Failed(created.Failure);
        }

        using (response)
        using (var result = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return result.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object && Id(data, "audience_id") is { } id
                ? NameLookup.Found(id)
                : NameLookup.Failed(new BatchOutcome.Transient($"TikTok did not confirm creating the audience {target.ListName}.", null));
        }
    }

    private async Task<NameLookup> FindAudienceAsync(string name, CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"advertiser_id={Uri.EscapeDataString(_advertiser)}&page={page}&page_size={AudiencesPerPage}");
            using var request = Authorized(new HttpRequestMessage(HttpMethod.Get, $"{_version}/dmp/custom_audience/list/?{query}"));
            var answer = await _http.SendAsync(request, _calls, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                return NameLookup.Failed(answer.Failure);
            }

            using (response)
            using (var result = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
            {
                if (!result.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                    || !data.TryGetProperty("list", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    return NameLookup.Missing;
                }

                foreach (var audience in list.EnumerateArray())
                {
                    if (audience.TryGetProperty("name", out var named) && named.GetString() == name && Id(audience, "audience_id") is { } id)
                    {
                        return NameLookup.Found(id);
                    }
                }

                var pages = data.TryGetProperty("page_info", out var info) && info.TryGetProperty("total_page", out var total) && total.TryGetInt32(out var count) ? count : page;
                if (page >= pages || list.GetArrayLength() == 0)
                {
                    return NameLookup.Missing;
                }
            }
        }
    }

    // The token travels only in the Access-Token header TikTok documents, never in a URL or a body.
    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Access-Token", _token);
        return request;
    }

    // TikTok ids are numbers in some answers and strings in others; both are kept as text.
    private static string? Id(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Number ? value.GetRawText()
        : null;

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
}
