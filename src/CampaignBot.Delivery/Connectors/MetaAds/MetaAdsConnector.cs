using System.Buffers.Binary;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Text;
using CampaignBot.Delivery.Connectors.Http;
using CampaignBot.Delivery.Connectors.Lists;

namespace CampaignBot.Delivery.Connectors.MetaAds;

/// <summary>
/// Adds each batch to the Meta custom audience named after the campaign and group: finds the audience in the
/// ad account by name (creating it once, subtype CUSTOM), then posts the rows to /{audience}/users as one
/// multi-key upload (schema = the target's fields, rows already normalized and SHA-256 hashed) in a session
/// per run and target. Settings: AccountId; credentials: AccessToken (a system user token with ads_management),
/// sent as a bearer token.
/// </summary>
public sealed class MetaAdsConnector : IDestinationConnector, IRemovesMembers
{
    public const string DefaultEndpoint = "https://graph.facebook.com";
    public const string DefaultVersion = "v21.0";

    /// <summary>Rows per /users call (custom audience users reference: up to 10,000).</summary>
    public const int MaxRowsPerCall = 10_000;

    private const string Service = "Meta";
    private readonly DestinationHttpClient _http;
    private readonly string _token;
    private readonly string _version;
    private readonly string _account;
    private readonly RequestPacer _calls;
    private readonly NamedListIds _audiences;

    public MetaAdsConnector(DestinationInstance instance, IReadOnlyDictionary<string, string> credentials, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(clock);
        InstanceChecks.RequireKind(instance, DestinationKind.MetaAds);

        Instance = instance;
        _token = InstanceChecks.Credential(instance, credentials, DestinationCredentials.AccessToken);
        _account = "act_" + InstanceChecks.AccountId(instance, "the ad account id").Replace("act_", "", StringComparison.Ordinal);
        _version = instance.ApiVersion ?? DefaultVersion;
        // Meta publishes no fixed numbers (business use case limits scale with the account); these defaults stay well inside them.
        CallLimits = [new RateWindow(instance.RequestsPerSecond ?? 5, TimeSpan.FromSeconds(1)), new RateWindow(instance.RequestsPerMinute ?? 200, TimeSpan.FromMinutes(1))];
        _calls = new RequestPacer(CallLimits, clock);
        _http = new DestinationHttpClient(Service, HttpConnectorSettings.For(instance, DefaultEndpoint), GraphErrors.ClassifyAsync, clock, handler);
        _audiences = new NamedListIds(FindAudienceAsync, CreateAudienceAsync);
    }

    public DestinationInstance Instance { get; }

    public IReadOnlyList<RateWindow> CallLimits { get; }

    public static string Reference(string audienceId) => $"meta audience {audienceId}";

    /// <summary>The upload session of one (run, target): the same on every retry and after a restart, different for the next run.</summary>
    public static long SessionId(DeliveryTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{target.CampaignId}\n{target.Group}\n{target.RunId}\n{target.ListName}"));
        return BinaryPrimitives.ReadInt64BigEndian(hash) & long.MaxValue;
    }

    /// <summary>
    /// Idempotent per batch: the call carries the session and the batch's sequence as batch_seq, and audience
    /// membership is a set of hashed identities, so sending a batch again adds no one twice.
    /// </summary>
    public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Rows.Count > MaxRowsPerCall)
        {
            // Splitting would need batch_seq numbers the batch sequence does not give; the run's batch size must fit.
            return new BatchOutcome.Permanent($"A batch of {batch.Rows.Count} rows is over Meta's {MaxRowsPerCall} per call; set the delivery batch size to {MaxRowsPerCall} or less.", FailureKind.Configuration);
        }

        var audience = await _audiences.EnsureAsync(batch.Target, cancellationToken).ConfigureAwait(false);
        if (audience.Failure is { } failure)
        {
            return failure;
        }

        return await SendUsersAsync(HttpMethod.Post, batch, audience.Id!, SessionId(batch.Target), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Removes the batch's people from the audience (DELETE /{audience}/users with the same payload), for a recurring
    /// campaign whose group they left. An audience that does not exist yet holds nobody to remove.
    /// </summary>
    public async Task<BatchOutcome> RemoveAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Rows.Count > MaxRowsPerCall)
        {
            return new BatchOutcome.Permanent($"A batch of {batch.Rows.Count} rows is over Meta's {MaxRowsPerCall} per call; set the delivery batch size to {MaxRowsPerCall} or less.", FailureKind.Configuration);
        }

        return await _audiences.RemoveFromAsync(
            batch, (audienceId, ct) => SendUsersAsync(HttpMethod.Delete, batch, audienceId, RemovalSessionId(batch.Target), ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removals of a run go in their own session, apart from its additions.</summary>
    public static long RemovalSessionId(DeliveryTarget target) => SessionId(target) ^ 0x5EED_0000_0000_0001;

    private async Task<BatchOutcome> SendUsersAsync(HttpMethod method, DeliveryBatch batch, string audienceId, long sessionId, CancellationToken cancellationToken)
    {
        HttpAnswer answer;
        using (var payload = new MetaUsersPayload(batch.Target.Fields, batch.Rows, sessionId, batch.Sequence))
        using (var request = Authorized(new HttpRequestMessage(method, $"{_version}/{Uri.EscapeDataString(audienceId)}/users") { Content = payload.Content() }))
        {
            answer = await _http.SendAsync(request, _calls, repeatable: true, cancellationToken).ConfigureAwait(false);
        }

        if (answer.Response is not { } response)
        {
            return answer.Failure!;
        }

        using (response)
        using (var result = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
        {
            var received = Number(result.RootElement, "num_received") ?? batch.Rows.Count;
            var invalid = Number(result.RootElement, "num_invalid_entries") ?? 0;
            var rejected = invalid + Math.Max(0, batch.Rows.Count - received);
            var accepted = batch.Rows.Count - rejected;
            return rejected switch
            {
                0 => new BatchOutcome.Delivered(batch.Rows.Count, Reference(audienceId)),
                _ when accepted <= 0 => new BatchOutcome.Permanent($"Meta found none of the {Counted.Of(batch.Rows.Count, "row")} valid; check the identifiers' normalization and hashing.", FailureKind.InvalidData),
                _ => new BatchOutcome.PartiallyRejected(accepted, rejected, $"Meta reported {rejected} of {Counted.Of(batch.Rows.Count, "row")} invalid (badly normalized or hashed identifiers)."),
            };
        }
    }

    /// <summary>Meta keeps no completion record; returns where the audience is, or null when none was ever made.</summary>
    public async Task<string?> CompleteAsync(
        DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var found = await _audiences.LookUpAsync(target.ListName, cancellationToken).ConfigureAwait(false);
        return found.IdForCompletion($"the Meta audience {target.ListName}") is { } id ? new Uri(_http.BaseAddress, $"{_version}/{id}").ToString() : null;
    }

    private async Task<NameLookup> CreateAudienceAsync(DeliveryTarget target, CancellationToken cancellationToken)
    {
        var body = new
        {
            name = target.ListName,
            subtype = "CUSTOM",
            description = $"CampaignBot audience for {target.Campaign}, {target.Group}",
            customer_file_source = "USER_PROVIDED_ONLY",
        };
        using var request = Authorized(new HttpRequestMessage(HttpMethod.Post, $"{_version}/{_account}/customaudiences") { Content = JsonContent.Create(body) });
        var created = await _http.SendAsync(request, _calls, repeatable: false, cancellationToken).ConfigureAwait(false);
        if (created.Response is not { } response)
        {
            return NameLookup.Failed(created.Failure);
        }

        using (response)
        using (var result = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
        {
            return NameLookup.Found(result.RootElement.GetProperty("id").GetString()!);
        }
    }

    private async Task<NameLookup> FindAudienceAsync(string name, CancellationToken cancellationToken)
    {
        string? next = $"{_version}/{_account}/customaudiences?fields=id,name&limit=500";
        while (next is not null)
        {
            using var request = Authorized(new HttpRequestMessage(HttpMethod.Get, WithoutToken(next)));
            var answer = await _http.SendAsync(request, _calls, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } response)
            {
                return NameLookup.Failed(answer.Failure);
            }

            using (response)
            using (var page = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
            {
                foreach (var audience in page.RootElement.GetProperty("data").EnumerateArray())
                {
                    if (audience.TryGetProperty("name", out var named) && named.GetString() == name)
                    {
                        return NameLookup.Found(audience.GetProperty("id").GetString()!);
                    }
                }

                next = page.RootElement.TryGetProperty("paging", out var paging) && paging.TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String
                    ? link.GetString()
                    : null;
            }
        }

        return NameLookup.Missing;
    }

    // The token goes in the Authorization header (Graph accepts OAuth bearer tokens), never in a URL or a body,
    // where proxies, access logs and exception messages could keep it.
    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
        return request;
    }

    // Meta's paging links repeat the access_token in their query; the header carries it instead.
    private static string WithoutToken(string link)
    {
        var query = link.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return link;
        }

        var kept = link[(query + 1)..].Split('&').Where(p => !p.StartsWith("access_token=", StringComparison.Ordinal));
        return $"{link[..query]}?{string.Join('&', kept)}";
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
