using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>
/// Removes rows' profiles from a list. Klaviyo removes list members by profile id, not by email, so the rows'
/// identifiers are looked up first (Get Profiles filtered with <c>any(field,[…])</c>) and the ids found are then
/// deleted from the list's profile relationship. An identifier Klaviyo holds no profile for is simply not a member.
/// </summary>
internal sealed class KlaviyoMembers(KlaviyoApi api, TimeProvider clock)
{
    /// <summary>Values per profile lookup (Klaviyo takes at most 100 in one <c>any</c> filter).</summary>
    public const int MaxValuesPerLookup = 100;

    /// <summary>Profiles per removal call (Remove Profiles from List: up to 1,000).</summary>
    public const int MaxProfilesPerRemoval = 1_000;

    // The identifiers a bulk import matches a profile on, in the order it prefers them.
    private static readonly string[] Identifiers = ["external_id", "email", "phone_number"];

    // Get Profiles and Remove Profiles from List have limits of their own (75/s and 700/m; 10/s and 150/m).
    private readonly RequestPacer _lookups = new([new RateWindow(75, TimeSpan.FromSeconds(1)), new RateWindow(700, TimeSpan.FromMinutes(1))], clock);
    private readonly RequestPacer _removals = new([new RateWindow(10, TimeSpan.FromSeconds(1)), new RateWindow(150, TimeSpan.FromMinutes(1))], clock);

    /// <summary>The identifier columns among <paramref name="fields"/>, in the import's order; empty when there are none.</summary>
    public static IReadOnlyList<IdentifierColumn> IdentifierColumns(IReadOnlyList<string> fields) =>
        [.. Identifiers.Select(name => new IdentifierColumn(name, IndexOf(fields, name))).Where(c => c.Index >= 0)];

    /// <summary>Removes the rows' profiles from the list; null when done, else the failure that stopped it.</summary>
    /// <remarks>Both calls are set operations, so they are retried freely and a repeated removal is harmless.</remarks>
    public async Task<BatchOutcome?> RemoveAsync(string listId, IReadOnlyList<IdentifierColumn> columns, IReadOnlyList<string?[]> rows, CancellationToken cancellationToken)
    {
        var profileIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, values) in ValuesByIdentifier(columns, rows))
        {
            foreach (var chunk in values.Chunk(MaxValuesPerLookup))
            {
                if (await FindProfilesAsync(field, chunk, profileIds, cancellationToken).ConfigureAwait(false) is { } failure)
                {
                    return failure;
                }
            }
        }

        var path = $"api/lists/{Uri.EscapeDataString(listId)}/relationships/profiles";
        foreach (var chunk in profileIds.Chunk(MaxProfilesPerRemoval))
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new { data = chunk.Select(id => new { type = "profile", id }) });
            using var removed = await api.SendAsync(HttpMethod.Delete, path, body, _removals, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (removed.Failure is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    // Each row by the first identifier it has, as its import matched it: a row delivered without an external id
    // was matched on its email. A row with none could not have been imported, so it is no member.
    private static Dictionary<string, HashSet<string>> ValuesByIdentifier(IReadOnlyList<IdentifierColumn> columns, IReadOnlyList<string?[]> rows)
    {
        var values = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                if (column.Index < row.Length && row[column.Index] is { } value && !string.IsNullOrWhiteSpace(value))
                {
                    // The filter takes quoted strings, which cannot hold a quote or backslash: such a value is skipped.
                    // No valid email or phone number has one, so Klaviyo would hold no such profile anyway.
                    if (value.AsSpan().IndexOfAny('"', '\\') < 0)
                    {
                        if (!values.TryGetValue(column.Name, out var set))
                        {
                            values[column.Name] = set = new HashSet<string>(StringComparer.Ordinal);
                        }

                        set.Add(value);
                    }

                    break;
                }
            }
        }

        return values;
    }

    private static int IndexOf(IReadOnlyList<string> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    private async Task<BatchOutcome?> FindProfilesAsync(string field, string[] values, HashSet<string> profileIds, CancellationToken cancellationToken)
    {
        var filter = $"any({field},[{string.Join(',', values.Select(v => $"\"{v}\""))}])";

        // Only the identifier is asked for: a profile's custom properties may be large and are not needed.
        string? next = $"api/profiles?filter={Uri.EscapeDataString(filter)}&fields[profile]={field}&page[size]={MaxValuesPerLookup}";
        while (next is not null)
        {
            using var answer = await api.SendAsync(HttpMethod.Get, next, body: null, _lookups, repeatable: true, cancellationToken).ConfigureAwait(false);
            if (answer.Body is not { } page)
            {
                return answer.Failure;
            }

            foreach (var profile in page.RootElement.GetProperty("data").EnumerateArray())
            {
                profileIds.Add(profile.GetProperty("id").GetString()!);
            }

            next = KlaviyoApi.NextPage(page);
        }

        return null;
    }
}

/// <summary>A profile identifier (external_id, email or phone_number) and its index in the rows.</summary>
internal readonly record struct IdentifierColumn(string Name, int Index);
