using System.Net.Http.Json;
using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;
using CampaignBot.Delivery.Connectors.Lists;

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

    /// <summary>Finds what is named <paramref name="name"/> under <paramref name="path"/>, creating it with <paramref name="body"/> only when none is found.</summary>
    public Task<NameLookup> FindOrCreateAsync(string path, string idProperty, string nameProperty, string name, object body, CancellationToken cancellationToken) =>
        NameLookup.FindOrCreateAsync(
            ct => FindAsync(path, idProperty, nameProperty, name, ct), ct => CreateAsync(path, nameProperty, name, body, ct), cancellationToken);

    // Creating is not idempotent, so it is sent once, without retries.
    public async Task<NameLookup> CreateAsync(string path, string nameProperty, string name, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        var created = await http.SendAsync(request, calls, repeatable: false, cancellationToken).ConfigureAwait(false);
        if (created.Response is { } response)
        {
            using (response)
            using (var answer = await ReadAsync(response, cancellationToken).ConfigureAwait(false))
            {
                if (IdOf(answer.RootElement, "resourceId") is { } id)
                {
                    return NameLookup.Found(id);
                }
            }
        }

        return NameLookup.Failed(created.Failure ?? new BatchOutcome.Permanent($"Listrak did not create {nameProperty} '{name}'.", FailureKind.Configuration));
    }

    public async Task<NameLookup> FindAsync(string path, string idProperty, string nameProperty, string name, CancellationToken cancellationToken)
    {
        using var page = await GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (page.Failure is not null)
        {
            return NameLookup.Failed(page.Failure);
        }

        var match = page.Data.ValueKind == JsonValueKind.Array
            ? page.Data.EnumerateArray().FirstOrDefault(i => i.TryGetProperty(nameProperty, out var n) && n.GetString() == name)
            : default;
        return match.ValueKind == JsonValueKind.Object && IdOf(match, idProperty) is { } id ? NameLookup.Found(id) : NameLookup.Missing;
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

    /// <summary>A GET's <c>data</c>, or why there is none.</summary>
    public sealed record Page(JsonDocument? Document, BatchOutcome? Failure) : IDisposable
    {
        public JsonElement Data => Document is { } d && d.RootElement.ValueKind == JsonValueKind.Object && d.RootElement.TryGetProperty("data", out var data) ? data : default;

        public void Dispose() => Document?.Dispose();
    }
}
