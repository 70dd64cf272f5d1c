using System.Buffers;
using System.Text;
using System.Text.Json;
using CampaignBot.Delivery.Connectors.Http;

namespace CampaignBot.Delivery.Connectors.Klaviyo;

/// <summary>
/// Turns shaped rows into the JSON:API bodies of profile bulk import jobs: standard fields as profile
/// attributes, address fields under location, anything else as custom properties; null values are left
/// out (bulk import cannot clear a field anyway). Splits a batch so no job passes Klaviyo's limits.
/// </summary>
/// <remarks>
/// A million rows go through here per large run, so each profile is written by one reused writer and copied
/// into one rented buffer per job: nothing is allocated per row. Dispose returns the buffers.
/// </remarks>
public sealed class KlaviyoProfiles : IDisposable
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

    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ProfileType = JsonEncodedText.Encode("profile");
    private static readonly JsonEncodedText AttributesName = JsonEncodedText.Encode("attributes");
    private static readonly JsonEncodedText LocationName = JsonEncodedText.Encode("location");
    private static readonly JsonEncodedText PropertiesName = JsonEncodedText.Encode("properties");

    private readonly ProfileField[] _attributes;
    private readonly ProfileField[] _location;
    private readonly ProfileField[] _properties;
    private readonly byte[] _prefix;
    private readonly byte[] _suffix;
    private readonly ArrayBufferWriter<byte> _profile = new(256);
    private readonly Utf8JsonWriter _json;
    private readonly RentedBuffer _job = new();

    /// <param name="fields">The target's field names, in the rows' order.</param>
    /// <param name="listId">The list the jobs add their profiles to.</param>
    public KlaviyoProfiles(IReadOnlyList<string> fields, string listId)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(listId);
        var all = fields.Select((name, index) => (name, index)).ToList();
        _attributes = [.. all.Where(f => Attributes.Contains(f.name)).Select(f => new ProfileField(f.index, JsonEncodedText.Encode(f.name)))];
        _location = [.. all.Where(f => Location.ContainsKey(f.name)).Select(f => new ProfileField(f.index, JsonEncodedText.Encode(Location[f.name])))];
        _properties = [.. all.Where(f => !Attributes.Contains(f.name) && !Location.ContainsKey(f.name)).Select(f => new ProfileField(f.index, JsonEncodedText.Encode(f.name)))];
        (_prefix, _suffix) = Envelope(listId);
        _json = new Utf8JsonWriter(_profile);
    }

    /// <summary>The rows over the 100 KB profile limit, left out of the jobs; final once <see cref="Jobs"/> has been read to the end.</summary>
    public int Oversized { get; private set; }

    /// <summary>
    /// The rows as job bodies, each within the count and size limits. Each body lives in a buffer the next one
    /// reuses: send it before asking for the next.
    /// </summary>
    public IEnumerable<JobBody> Jobs(IReadOnlyList<string?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Oversized = 0;
        var profiles = 0;
        _job.Clear();
        _job.Append(_prefix);
        foreach (var row in rows)
        {
            var length = WriteProfile(row);
            if (length > MaxProfileBytes)
            {
                Oversized++;
                continue;
            }

            if (profiles == MaxProfilesPerJob || _job.Length + 1 + length + _suffix.Length > MaxJobBytes)
            {
                _job.Append(_suffix);
                yield return new JobBody(_job.Written, profiles);
                profiles = 0;
                _job.Clear();
                _job.Append(_prefix);
            }

            if (profiles > 0)
            {
                _job.Append(","u8);
            }

            _job.Append(_profile.WrittenSpan);
            profiles++;
        }

        if (profiles > 0)
        {
            _job.Append(_suffix);
            yield return new JobBody(_job.Written, profiles);
        }
    }

    public void Dispose()
    {
        _json.Dispose();
        _job.Dispose();
    }

    // Writes the row's profile object alone, so its size is known before it joins a job.
    private int WriteProfile(string?[] row)
    {
        _profile.ResetWrittenCount();
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString(TypeName, ProfileType);
        _json.WriteStartObject(AttributesName);
        foreach (var field in _attributes)
        {
            if (row[field.Index] is { } value)
            {
                _json.WriteString(field.Name, value);
            }
        }

        WriteGroup(LocationName, _location, row);
        WriteGroup(PropertiesName, _properties, row);
        _json.WriteEndObject();
        _json.WriteEndObject();
        _json.Flush();
        return _profile.WrittenCount;
    }

    private void WriteGroup(JsonEncodedText name, ProfileField[] fields, string?[] row)
    {
        var started = false;
        foreach (var field in fields)
        {
            if (row[field.Index] is not { } value)
            {
                continue;
            }

            if (!started)
            {
                _json.WriteStartObject(name);
                started = true;
            }

            _json.WriteString(field.Name, value);
        }

        if (started)
        {
            _json.WriteEndObject();
        }
    }

    // The list goes in data.relationships.lists: in attributes, Klaviyo imports the profiles but adds none to the list.
    private static (byte[] Prefix, byte[] Suffix) Envelope(string listId)
    {
        var list = JsonSerializer.Serialize(listId);
        return ("{\"data\":{\"type\":\"profile-bulk-import-job\",\"attributes\":{\"profiles\":{\"data\":["u8.ToArray(),
            Encoding.UTF8.GetBytes($"]}}}},\"relationships\":{{\"lists\":{{\"data\":[{{\"type\":\"list\",\"id\":{list}}}]}}}}}}}}"));
    }

    private readonly record struct ProfileField(int Index, JsonEncodedText Name);
}

/// <summary>One profile-bulk-import-job request body and how many profiles it holds.</summary>
public readonly record struct JobBody(ReadOnlyMemory<byte> Json, int Profiles);
