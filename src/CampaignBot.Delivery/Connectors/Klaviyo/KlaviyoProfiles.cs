using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>
/// Turns shaped rows into the JSON:API bodies of profile bulk import jobs: standard fields as profile
/// attributes, address fields under location, anything else as custom properties; null values are left
/// out (bulk import cannot clear a field anyway). Splits a batch so no job passes Klaviyo's limits.
/// </summary>
public static class KlaviyoProfiles
{
    /// <summary>Profiles per job (profile-bulk-import-jobs: up to 10,000).</summary>
    public const int MaxProfilesPerJob = 10_000;

    /// <summary>The job body's limit, 5 MB, read as decimal megabytes to be on the safe side.</summary>
    public const int MaxJobBytes = 5_000_000;

    /// <summary>One profile's limit, 100 KB.</summary>
    public const int MaxProfileBytes = 100_000;

    private static readonly HashSet<string> Attributes = ["email", "phone_number", "external_id", "first_name", "last_name", "organization", "locale", "title", "image"];

    private static readonly Dictionary<string, string> Location = new()
    {
        ["city"] = "city", ["state"] = "region", ["postal_code"] = "zip", ["country"] = "country", ["address1"] = "address1", ["address2"] = "address2",
    };

    /// <summary>The batch as job bodies, each within the count and size limits, and the rows too large to send.</summary>
    public static (IReadOnlyList<JobBody> Jobs, int Oversized) Jobs(DeliveryBatch batch, string listId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var envelope = Envelope(listId);
        var jobs = new List<JobBody>();
        var current = new List<byte[]>();
        var size = envelope.Prefix.Length + envelope.Suffix.Length;
        var oversized = 0;
        foreach (var row in batch.Rows)
        {
            var profile = Profile(batch.Target.Fields, row);
            if (profile.Length > MaxProfileBytes)
            {
                oversized++;
                continue;
            }

            if (current.Count == MaxProfilesPerJob || size + profile.Length + 1 > MaxJobBytes)
            {
                jobs.Add(Join(envelope, current));
                current = [];
                size = envelope.Prefix.Length + envelope.Suffix.Length;
            }

            current.Add(profile);
            size += profile.Length + 1;
        }

        if (current.Count > 0)
        {
            jobs.Add(Join(envelope, current));
        }

        return (jobs, oversized);
    }

    public static byte[] Profile(IReadOnlyList<string> fields, string?[] row)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(row);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "profile");
            json.WriteStartObject("attributes");
            for (var i = 0; i < fields.Count; i++)
            {
                if (row[i] is { } value && Attributes.Contains(fields[i]))
                {
                    json.WriteString(fields[i], value);
                }
            }

            WriteGroup(json, "location", fields, row, f => Location.GetValueOrDefault(f));
            WriteGroup(json, "properties", fields, row, f => Attributes.Contains(f) || Location.ContainsKey(f) ? null : f);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteGroup(Utf8JsonWriter json, string name, IReadOnlyList<string> fields, string?[] row, Func<string, string?> keyOf)
    {
        var started = false;
        for (var i = 0; i < fields.Count; i++)
        {
            if (row[i] is not { } value || keyOf(fields[i]) is not { } key)
            {
                continue;
            }

            if (!started)
            {
                json.WriteStartObject(name);
                started = true;
            }

            json.WriteString(key, value);
        }

        if (started)
        {
            json.WriteEndObject();
        }
    }

    // The list goes in data.relationships.lists: in attributes, Klaviyo imports the profiles but adds none to the list.
    private static (byte[] Prefix, byte[] Suffix) Envelope(string listId)
    {
        var list = JsonSerializer.Serialize(listId);
        return (Encoding.UTF8.GetBytes("{\"data\":{\"type\":\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":["),
            Encoding.UTF8.GetBytes($"]}}}},\"relationships\":{{\"lists\":{{\"data\":[{{\"type\":\"list\",\"id\":{list}}}]}}}}}}}}"));
    }

    private static JobBody Join((byte[] Prefix, byte[] Suffix) envelope, List<byte[]> profiles)
    {
        var body = new byte[envelope.Prefix.Length + envelope.Suffix.Length + profiles.Sum(p => p.Length) + Math.Max(0, profiles.Count - 1)];
        var at = 0;
        Append(envelope.Prefix);
        for (var i = 0; i < profiles.Count; i++)
        {
            if (i > 0)
            {
                body[at++] = (byte)',';
            }

            Append(profiles[i]);
        }

        Append(envelope.Suffix);
        return new JobBody(body, profiles.Count);

        void Append(byte[] bytes)
        {
            bytes.CopyTo(body, at);
            at += bytes.Length;
        }
    }
}

/// <summary>One profile-bulk-import-job request body and how many profiles it holds.</summary>
public sealed record JobBody(byte[] Json, int Profiles);
