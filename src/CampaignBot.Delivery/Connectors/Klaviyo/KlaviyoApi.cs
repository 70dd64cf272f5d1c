using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>Klaviyo's JSON:API over one instance's client: the key and revision headers on every call, JSON bodies both ways.</summary>
internal sealed class KlaviyoApi
{
    private const string Service = "Klaviyo";
    private static readonly MediaTypeHeaderValue JsonApi = new("application/vnd.api+json");
    private readonly DestinationHttpClient _http;
    private readonly string _apiKey;
    private readonly string _revision;

    public KlaviyoApi(DestinationInstance instance, string apiKey, string revision, TimeProvider clock, HttpMessageHandler? handler)
    {
        _apiKey = apiKey;
        _revision = revision;
        _http = new DestinationHttpClient(Service, HttpConnectorSettings.For(instance, KlaviyoConnector.DefaultEndpoint),
            (response, _) => ValueTask.FromResult(HttpVerdict.FromStatus(Service, response)), clock, handler);
    }

    public Uri BaseAddress => _http.BaseAddress;

    /// <summary>
    /// Sends one call, paced by the limit of its endpoint; <paramref name="repeatable"/> false keeps retries off.
    /// The body is only read until this returns, so the caller may reuse its buffer afterwards.
    /// </summary>
    public async Task<KlaviyoAnswer> SendAsync(HttpMethod method, string path, ReadOnlyMemory<byte>? body, RequestPacer pacer, bool repeatable, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Klaviyo-API-Key", _apiKey);
        request.Headers.Add("revision", _revision);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonApi.MediaType!));
        if (body is { } content)
        {
            request.Content = new ReadOnlyMemoryContent(content) { Headers = { ContentType = JsonApi } };
        }

        var answer = await _http.SendAsync(request, pacer, repeatable, cancellationToken).ConfigureAwait(false);
        if (answer.Response is not { } response)
        {
            return new KlaviyoAnswer(null, answer.Failure);
        }

        using (response)
        {
            // A 204 (a list relationship changed) has no body to read.
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return new KlaviyoAnswer(null, null);
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new KlaviyoAnswer(await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false), null);
        }
    }

    /// <summary>The next page's address a JSON:API collection names in links.next, or null on the last page.</summary>
    public static string? NextPage(JsonDocument page) =>
        page.RootElement.TryGetProperty("links", out var links) && links.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String
            ? next.GetString()
            : null;
}

/// <summary>The answer's JSON body (disposed with the answer; none on a 204), or why the call failed for good.</summary>
internal sealed record KlaviyoAnswer(JsonDocument? Body, BatchOutcome? Failure) : IDisposable
{
    /// <summary>The failure's reason in plain words.</summary>
    public string Reason => Failure switch { BatchOutcome.Transient t => t.Reason, BatchOutcome.Permanent p => p.Reason, var other => other?.ToString() ?? "no answer" };

    public void Dispose() => Body?.Dispose();
}
