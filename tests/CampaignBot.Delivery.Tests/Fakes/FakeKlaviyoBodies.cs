using System.Text;
using System.Text.Json;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// Reads profile bulk import job bodies in one forward pass with <see cref="Utf8JsonReader"/>: a benchmark sends a
/// million profiles through the fake in the same process as the client, so the fake must not build a document
/// or a string per value. The envelope is checked as the request comes in; the profiles when the job imports them.
/// </summary>
internal static class FakeKlaviyoBodies
{
    /// <summary>The envelope of a job body: its type, the list in relationships.lists, and where the profiles array lies.</summary>
    public sealed record Envelope(string? Type, string? ListId, int Profiles, Range ProfilesArray);

    /// <summary>A profile's key (external_id, email or phone_number, in that order, as UTF-8) and its raw attributes object.</summary>
    public readonly record struct Profile(ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Attributes, bool EmailWithoutAt);

    /// <summary>The envelope, or null when the body is not the documented shape (data.attributes.profiles.data an array).</summary>
    public static Envelope? ReadEnvelope(ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !MoveTo(ref reader, "data"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? type = null, listId = null;
        var profiles = -1;
        var array = default(Range);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("attributes"u8))
            {
                (profiles, array) = CountProfiles(ref reader);
            }
            else if (reader.ValueTextEquals("relationships"u8))
            {
                // Tiny, so read on a copy of the reader and skipped on the original.
                var lists = reader;
                listId = lists.Read() && MoveTo(ref lists, "lists"u8) && lists.Read() && MoveTo(ref lists, "data"u8) && lists.Read()
                    && lists.TokenType == JsonTokenType.StartArray && lists.Read() && MoveTo(ref lists, "id"u8) && lists.Read()
                    && lists.TokenType == JsonTokenType.String ? lists.GetString() : null;
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        return profiles < 0 ? null : new Envelope(type, listId, profiles, array);
    }

    /// <summary>
    /// Hands each profile of the array at <paramref name="profiles"/> to <paramref name="onProfile"/>, or says what is
    /// wrong with it to <paramref name="onMalformed"/>: a profile is {"type":"profile","attributes":{…}} whose values
    /// are strings, nulls or objects (location, properties).
    /// </summary>
    public static void ReadProfiles(ReadOnlyMemory<byte> body, Range profiles, Action<Profile> onProfile, Action<string> onMalformed)
    {
        var (offset, length) = profiles.GetOffsetAndLength(body.Length);
        var reader = new Utf8JsonReader(body.Span.Slice(offset, length));
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                onMalformed($"a profile that is a {reader.TokenType}");
                reader.Skip();
                continue;
            }

            var isProfile = false;
            var attributes = default(ReadOnlyMemory<byte>);
            var identifiers = new Identifiers();
            string? problem = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isProfile = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("profile"u8);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("attributes"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = offset + (int)reader.TokenStartIndex;
                    problem = ReadAttributes(ref reader, body, offset, ref identifiers);
                    attributes = body.Slice(start, offset + (int)reader.BytesConsumed - start);
                }
                else
                {
                    // On a property name this skips its value; on a value (attributes that is no object), that value.
                    reader.Skip();
                }
            }

            problem ??= !isProfile ? "a profile whose type is not \"profile\"" : attributes.IsEmpty ? "a profile without attributes" : null;
            if (problem is not null)
            {
                onMalformed(problem);
                continue;
            }

            var key = !identifiers.ExternalId.IsEmpty ? identifiers.ExternalId : !identifiers.Email.IsEmpty ? identifiers.Email : identifiers.Phone;
            onProfile(new Profile(key, attributes, !identifiers.Email.IsEmpty && identifiers.Email.Span.IndexOf((byte)'@') < 0));
        }
    }

    /// <summary>The attribute's value when it is a string at the top of the attributes object, else null.</summary>
    public static string? ReadString(ReadOnlyMemory<byte> attributes, ReadOnlySpan<byte> name)
    {
        var reader = new Utf8JsonReader(attributes.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(name);
            reader.Read();
            if (found)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }

    /// <summary>The attributes as the tests read them: "email", "location.city", "properties.tier".</summary>
    public static Dictionary<string, string> Flatten(ReadOnlyMemory<byte> attributes)
    {
        using var document = JsonDocument.Parse(attributes);
        var values = new Dictionary<string, string>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var inner in property.Value.EnumerateObject())
                {
                    values[$"{property.Name}.{inner.Name}"] = inner.Value.ToString();
                }
            }
            else if (property.Value.GetString() is { } value)
            {
                values[property.Name] = value;
            }
        }

        return values;
    }

    // Values must be strings, nulls (which leave a field alone) or objects; the identifiers are kept as unescaped UTF-8.
    private static string? ReadAttributes(ref Utf8JsonReader reader, ReadOnlyMemory<byte> body, int offset, ref Identifiers identifiers)
    {
        string? problem = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isExternalId = reader.ValueTextEquals("external_id"u8);
            var isEmail = !isExternalId && reader.ValueTextEquals("email"u8);
            var isPhone = !isExternalId && !isEmail && reader.ValueTextEquals("phone_number"u8);
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                ReadOnlyMemory<byte> value = reader.ValueIsEscaped
                    ? Encoding.UTF8.GetBytes(reader.GetString()!)
                    : body.Slice(offset + (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                identifiers = isExternalId ? identifiers with { ExternalId = value }
                    : isEmail ? identifiers with { Email = value }
                    : isPhone ? identifiers with { Phone = value } : identifiers;
            }
            else if (reader.TokenType is not (JsonTokenType.Null or JsonTokenType.StartObject))
            {
                problem ??= $"a profile attribute that is a {reader.TokenType}";
            }

            reader.Skip();
        }

        return problem;
    }

    // From an object's start, reads on to its property named name (true) or to its end (false), skipping other values.
    private static bool MoveTo(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    // From "attributes", counts data.attributes.profiles.data and leaves the reader at the end of attributes, having read it once.
    private static (int Count, Range Array) CountProfiles(ref Utf8JsonReader reader)
    {
        var count = -1;
        var array = default(Range);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return (count, array);
        }

        var depth = reader.CurrentDepth;
        if (MoveTo(ref reader, "profiles"u8) && reader.Read() && MoveTo(ref reader, "data"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            var start = (int)reader.TokenStartIndex;
            count = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
                count++;
            }

            array = start..(int)reader.BytesConsumed;
        }

        while (!(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth) && reader.Read())
        {
        }

        return (count, array);
    }

    private record struct Identifiers(ReadOnlyMemory<byte> ExternalId, ReadOnlyMemory<byte> Email, ReadOnlyMemory<byte> Phone);
}

/// <summary>A member's key as the UTF-8 bytes in its job's body, compared by content.</summary>
internal readonly struct MemberKey(ReadOnlyMemory<byte> utf8) : IEquatable<MemberKey>
{
    public ReadOnlyMemory<byte> Utf8 => utf8;

    public bool Equals(MemberKey other) => utf8.Span.SequenceEqual(other.Utf8.Span);

    public override bool Equals(object? obj) => obj is MemberKey other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(utf8.Span);
        return hash.ToHashCode();
    }
}
