using System.Net.Http.Json;
using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Listrak;

/// <summary>
/// Reads Listrak resources and finds lists, profile field groups and fields by name, creating one only after
/// looking: Listrak has no idempotency key (destinations.md §3), so a create is never retried blindly.
/// </summary>
internal sealed class ListrakResources(DestinationHttpClient http, RequestPacer calls)
{
    /// <summary>Sends <paramref name="request"/> within the destination's rate limit.</summary>
    public Task<HttpAnswer> SendAsync(HttpRequestMessage request, bool repeatable, CancellationToken cancellationToken) =>
        http.SendAsync(request, calls, repeatable, cancellationToken);

    // Creating is not idempotent: look first, create without retries, and look again when the answer is lost or refused.
    public async Task<Found> FindOrCreateAsync(string path, string idProperty, string nameProperty, string name, object body, CancellationToken cancellationToken)
    {
        var found = await FindAsync(path, idProperty, nameProperty, name, cancellationToken).ConfigureAwait(false);
        if (found.Failure is not null || found.Id is not null)
        {
            return found;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        var created = await http.SendAsync(request, calls, repeatable: false, cancellationToken).ConfigureAwait(false);
        if (created.Response is { } response)
        {
            using (response)
            using (var answer = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
            {
                if (IdOf(answer.RootElement, "resourceId") is { } id)
                {
                    return new Found(id, null);
                }
            }
        }

        var again = await FindAsync(path, idProperty, nameProperty, name, cancellationToken).ConfigureAwait(false);
        return again.Id is not null ? again
            : new Found(null, created.Failure ?? new BatchOutcome.Permanent($"Listrak did not create {nameProperty} '{name}'.", FailureKind.Configuration));
    }

    public async Task<Found> FindAsync(string path, string idProperty, string nameProperty, string name, CancellationToken cancellationToken)
    {
        using var page = await GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (page.Failure is not null)
        {
            return new Found(null, page.Failure);
        }

        var match = page.Data.ValueKind == JsonValueKind.Array
            ? page.Data.EnumerateArray().FirstOrDefault(i => i.TryGetProperty(nameProperty, out var n) && n.GetString() == name)
            : default;
        return new Found(match.ValueKind == JsonValueKind.Object ? IdOf(match, idProperty) : null, null);
    }

    public async Task<Page> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var answer = await http.SendAsync(request, calls, repeatable: true, cancellationToken).ConfigureAwait(false);
        if (answer.Response is not { } response)
        {
            return new Page(null, answer.Failure);
        }

        using (response)
        {
            return new Page(await ReadAsync(response, cancellationToken).ConfigureAwait(false), null);
        }
    }

    public static string? IdOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var id) ? id.ValueKind switch
        {
            JsonValueKind.Number => id.GetRawText(),
            JsonValueKind.String => id.GetString(),
            _ => null,
        } : null;

    public static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>The id of what was looked for (null when absent), or why the lookup failed.</summary>
    public sealed record Found(string? Id, BatchOutcome? Failure);

    /// <summary>A GET's <c>data</c>, or why there is none.</summary>
    public sealed record Page(JsonDocument? Document, BatchOutcome? Failure) : IDisposable
    {
        public JsonElement Data => Document is { } d && d.RootElement.ValueKind == JsonValueKind.Object && d.RootElement.TryGetProperty("data", out var data) ? data : default;

        public void Dispose() => Document?.Dispose();
    }
}
