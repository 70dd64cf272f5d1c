using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;
using CampaignBot.Delivery.Connectors.Lists;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>
/// Klaviyo's two calls about the lists named after campaigns and groups, finding one by name and creating one,
/// each within its own rate limit; <see cref="NamedListIds"/> decides when to make them (list creation is not
/// idempotent and is capped at 150 a day).
/// </summary>
internal sealed class KlaviyoLists(KlaviyoApi api, TimeProvider clock)
{
    // Get Lists and Create List have limits of their own (stable.json: 75/s and 750/m; 10/s and 150/m).
    private readonly RequestPacer _reads = new([new RateWindow(75, TimeSpan.FromSeconds(1)), new RateWindow(750, TimeSpan.FromMinutes(1))], clock);
    private readonly RequestPacer _creates = new([new RateWindow(10, TimeSpan.FromSeconds(1)), new RateWindow(150, TimeSpan.FromMinutes(1))], clock);

    /// <summary>The list's id, <see cref="NameLookup.Missing"/> when there is no such list, or why the lookup failed.</summary>
    public async Task<NameLookup> FindAsync(string name, CancellationToken cancellationToken)
    {
        var escaped = name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        string? next = $"api/lists?filter={Uri.EscapeDataString($"equals(name,\"{escaped}\")")}&fields[list]=name";
        while (next is not null)
        {
            using var answer = await api.SendAsync(HttpMethod.Get, next, body: null, _reads, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Body is not { } page)
            {
                return NameLookup.Failed(answer.Failure);
            }

            foreach (var list in page.RootElement.GetProperty("data").EnumerateArray())
            {
                if (list.GetProperty("attributes").GetProperty("name").GetString() == name)
                {
                    return NameLookup.Found(list.GetProperty("id").GetString()!);
                }
            }

            next = KlaviyoApi.NextPage(page);
        }

        return NameLookup.Missing;
    }

    /// <summary>Creates the target's list, once and without retries: its id, or why not.</summary>
    public async Task<NameLookup> CreateAsync(DeliveryTarget target, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { data = new { type = "list", attributes = new { name = target.ListName } } });
        using var created = await api.SendAsync(HttpMethod.Post, "api/lists", body, _creates, repeatable: false, cancellationToken).ConfigureAwait(false);
        return created.Body is { } list
            ? NameLookup.Found(list.RootElement.GetProperty("data").GetProperty("id").GetString()!)
            : NameLookup.Failed(created.Failure);
    }
}
