using System.Collections.Concurrent;
using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>
/// The ids of the lists named after campaigns and groups: looked up by name, created only when the lookup finds
/// none (list creation is not idempotent and is capped at 150 a day), and remembered for the instance's life.
/// </summary>
internal sealed class KlaviyoLists(KlaviyoApi api, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Get Lists and Create List have limits of their own (stable.json: 75/s and 750/m; 10/s and 150/m).
    private readonly RequestPacer _reads = new([new RateWindow(75, TimeSpan.FromSeconds(1)), new RateWindow(750, TimeSpan.FromMinutes(1))], clock);
    private readonly RequestPacer _creates = new([new RateWindow(10, TimeSpan.FromSeconds(1)), new RateWindow(150, TimeSpan.FromMinutes(1))], clock);

    /// <summary>The list's id when this instance has already found or made it.</summary>
    public string? Known(string name) => _ids.GetValueOrDefault(name);

    /// <summary>The list's id, or both null when there is no such list; never creates one.</summary>
    public async Task<ListAnswer> FindAsync(string name, CancellationToken cancellationToken) =>
        _ids.TryGetValue(name, out var known) ? new ListAnswer(known, null) : await LookUpAsync(name, cancellationToken).ConfigureAwait(false);

    /// <summary>The list's id, creating the list only when a lookup just before finds none.</summary>
    public async Task<ListAnswer> EnsureAsync(string name, CancellationToken cancellationToken)
    {
        if (_ids.TryGetValue(name, out var known))
        {
            return new ListAnswer(known, null);
        }

        // One creator at a time, so two batches of a new list cannot both create it.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another batch may have found or made it while this one waited.
            if (_ids.TryGetValue(name, out var meanwhile))
            {
                return new ListAnswer(meanwhile, null);
            }

            var found = await LookUpAsync(name, cancellationToken).ConfigureAwait(false);
            if (found.Failure is not null || found.Id is not null)
            {
                return found;
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(new { data = new { type = "list", attributes = new { name } } });
            using (var created = await api.SendAsync(HttpMethod.Post, "api/lists", body, _creates, repeatable: false, cancellationToken).ConfigureAwait(false))
            {
                if (created.Body is { } list)
                {
                    var id = list.RootElement.GetProperty("data").GetProperty("id").GetString()!;
                    _ids[name] = id;
                    return new ListAnswer(id, null);
                }

                // The create may have happened even though the answer was lost: look again before anyone retries it.
                var again = await LookUpAsync(name, cancellationToken).ConfigureAwait(false);
                return again.Id is not null ? again : new ListAnswer(null, created.Failure);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ListAnswer> LookUpAsync(string name, CancellationToken cancellationToken)
    {
        var escaped = name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        string? next = $"api/lists?filter={Uri.EscapeDataString($"equals(name,\"{escaped}\")")}&fields[list]=name";
        while (next is not null)
        {
            using var answer = await api.SendAsync(HttpMethod.Get, next, body: null, _reads, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Body is not { } page)
            {
                return new ListAnswer(null, answer.Failure);
            }

            foreach (var list in page.RootElement.GetProperty("data").EnumerateArray())
            {
                if (list.GetProperty("attributes").GetProperty("name").GetString() == name)
                {
                    var id = list.GetProperty("id").GetString()!;
                    _ids[name] = id;
                    return new ListAnswer(id, null);
                }
            }

            next = KlaviyoApi.NextPage(page);
        }

        return new ListAnswer(null, null);
    }
}

/// <summary>The list's id, or why it could not be found or made; both null when there is no such list.</summary>
internal sealed record ListAnswer(string? Id, BatchOutcome? Failure);
