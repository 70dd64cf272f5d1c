using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// Get Profiles, filtered with <c>any(email|phone_number|external_id,[…])</c> on up to 100 values (page[size] 1–100,
/// default 20; page[cursor]; fields[profile]), and Remove Profiles from List (≤1,000 profile ids, 204). A profile is
/// account-wide, as in Klaviyo: the same member key has the same profile id in every list. Unlike Klaviyo, the fake
/// keeps no profile apart from its lists, so a profile no list holds any more is not found.
/// </summary>
public sealed partial class FakeKlaviyo
{
    public const int MaxFilterValues = 100;
    public const int MaxRemovals = 1_000;
    private static readonly HashSet<string> FilterFields = ["email", "phone_number", "external_id"];
    private static readonly HashSet<string> ProfileFields =
        ["email", "phone_number", "external_id", "first_name", "last_name", "organization", "locale", "title", "image", "location", "properties"];

    /// <summary>The filter of every profile lookup, as it arrived.</summary>
    public ConcurrentQueue<string> ProfileFilters { get; } = new();

    /// <summary>The id Klaviyo gives the profile of a member keyed by <paramref name="key"/> (its external_id, else email, else phone).</summary>
    public static string ProfileId(string key) => ProfileId(new MemberKey(Encoding.UTF8.GetBytes(key)));

    // Derived from the key rather than stored: the benchmark keeps a million members, and this costs them nothing.
    private static string ProfileId(MemberKey key) => "01" + Convert.ToHexString(SHA256.HashData(key.Utf8.Span), 0, 12);

    private Task<IResult> FindProfiles(HttpContext context)
    {
        var query = context.Request.Query;
        var filterText = query["filter"].ToString();
        ProfileFilters.Enqueue(filterText);
        var size = query.ContainsKey("page[size]") ? int.TryParse(query["page[size]"], CultureInfo.InvariantCulture, out var n) ? n : 0 : 20;
        var offset = query.ContainsKey("page[cursor]") ? int.TryParse(query["page[cursor]"], CultureInfo.InvariantCulture, out var c) ? c : -1 : 0;
        var filter = AnyFilter().Match(filterText);
        var values = filter.Success ? FilterValues(filter.Groups["values"].Value) : null;
        var asked = query["fields[profile]"].ToString();
        var fields = asked.Length == 0 ? ProfileFields : asked.Split(',').ToHashSet();
        var problem = size is < 1 or > 100 ? $"a profile lookup page of {query["page[size]"]}"
            : values is null || !FilterFields.Contains(filter.Groups["field"].Value) ? $"a profile lookup filtered by {filterText}"
            : values.Length is 0 or > MaxFilterValues ? $"a profile lookup of {values.Length} values"
            : offset < 0 ? "a profile lookup with a cursor it never gave"
            : !fields.IsSubsetOf(ProfileFields) ? $"a profile lookup with fields {asked}" : null;
        if (problem is not null)
        {
            Violation(problem);
            return Task.FromResult(Error(400, "invalid"));
        }

        var found = Profiles(filter.Groups["field"].Value, values!.ToHashSet(StringComparer.Ordinal));
        var data = found.Skip(offset).Take(size).Select(p => new { type = "profile", id = p.Key, attributes = Attributes(p.Value, fields) }).ToList();
        var next = offset + size < found.Count ? NextPage(context, offset + size) : null;
        return Task.FromResult(Json(new { data, links = new { self = context.Request.GetEncodedPathAndQuery(), next } }));
    }

    private async Task<IResult> RemoveProfiles(HttpContext context)
    {
        var listId = (string)context.Request.RouteValues["id"]!;
        var ids = RemovalIds(await BodyAsync(context.Request));
        var problem = ids is null ? "a list removal that is not data[] of {\"type\":\"profile\",\"id\":…}"
            : ids.Count is 0 or > MaxRemovals ? $"a list removal of {ids.Count} profiles" : null;
        if (problem is not null)
        {
            Violation(problem);
            return Error(400, "invalid");
        }

        if (!_lists.ContainsKey(listId))
        {
            return Error(404, "not_found");
        }

        // Ids of profiles not on the list are ignored, as a set removal does.
        if (_members.TryGetValue(listId, out var members))
        {
            var removing = ids!.ToHashSet(StringComparer.Ordinal);
            lock (members)
            {
                foreach (var key in members.Keys.Where(k => removing.Contains(ProfileId(k))).ToList())
                {
                    members.Remove(key);
                }
            }
        }

        return Results.NoContent();
    }

    // Each profile once, in id order so pages are stable, with its attributes from the first list that holds it.
    private List<KeyValuePair<string, ReadOnlyMemory<byte>>> Profiles(string field, HashSet<string> values)
    {
        var name = Encoding.UTF8.GetBytes(field);
        var found = new SortedDictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var members in _members.Values)
        {
            lock (members)
            {
                foreach (var (key, attributes) in members)
                {
                    if (FakeKlaviyoBodies.ReadString(attributes, name) is { } value && values.Contains(value))
                    {
                        found.TryAdd(ProfileId(key), attributes);
                    }
                }
            }
        }

        return [.. found];
    }

    private static Dictionary<string, object?> Attributes(ReadOnlyMemory<byte> attributes, HashSet<string> fields)
    {
        using var document = JsonDocument.Parse(attributes);
        return fields.ToDictionary(f => f, f => document.RootElement.TryGetProperty(f, out var value) ? (object?)value.Clone() : null);
    }

    // The filter's values are double-quoted strings, which read as a JSON array's items.
    private static string[]? FilterValues(string values)
    {
        try
        {
            var items = JsonSerializer.Deserialize<string?[]>($"[{values}]");
            return items is null || items.Any(v => v is null) ? null : [.. items.Select(v => v!)];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Null unless the body is {"data":[{"type":"profile","id":"…"},…]}.
    private static List<string>? RemovalIds(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var ids = new List<string>();
            foreach (var profile in data.EnumerateArray())
            {
                if (profile.ValueKind != JsonValueKind.Object || !profile.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
                    || type.GetString() != "profile"
                    || !profile.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                ids.Add(id.GetString()!);
            }

            return ids;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^any\((?<field>[a-z_]+),\[(?<values>.*)\]\)$", RegexOptions.Singleline)]
    private static partial Regex AnyFilter();
}
