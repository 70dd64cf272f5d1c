using System.Buffers;
using System.Text.Json;

namespace CampaignBot.Delivery.Tests.Fakes;

/// <summary>
/// A /users body read in one forward pass with <see cref="Utf8JsonReader"/>: the benchmark sends a million rows of
/// five hashes through the fake in the client's process, and the pacer waits for each call's answer, so the fake
/// builds no document and no string per value. Rows are kept as slices of the body and decoded only when asked.
/// </summary>
internal sealed class FakeMetaUsers
{
    private FakeMetaUsers(ReadOnlyMemory<byte> body) => Body = body;

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Whether access_token is a top-level member (CampaignBot must send it as a header only).</summary>
    public bool CarriesToken { get; private set; }

    public string[]? Schema { get; private set; }

    /// <summary>Whether payload.data was an array.</summary>
    public bool HasData { get; private set; }

    public long? SessionId { get; private set; }

    public long? Sequence { get; private set; }

    public bool HasLastBatchFlag { get; private set; }

    /// <summary>Every row of payload.data as its raw JSON array, and whether it counts as valid.</summary>
    public List<(ReadOnlyMemory<byte> Json, bool Valid)> Rows { get; } = new(10_000);

    /// <summary>Rows that are not arrays of strings as wide as the schema.</summary>
    public int Misshapen { get; private set; }

    /// <summary>Rows with a non-empty value in a hashed key that is not 64 lower-case hex.</summary>
    public int Unhashed { get; private set; }

    public static FakeMetaUsers Read(ReadOnlyMemory<byte> body, IReadOnlySet<string> unhashedKeys)
    {
        var users = new FakeMetaUsers(body);
        var reader = new Utf8JsonReader(body.Span);
        Range? data = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return users;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("access_token"u8))
            {
                users.CarriesToken = true;
                reader.Read();
                reader.Skip();
            }
            else if (reader.ValueTextEquals("payload"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("schema"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                    {
                        var schema = new List<string>(5);
                        while (reader.Read() && reader.TokenType == JsonTokenType.String)
                        {
                            schema.Add(reader.GetString()!);
                        }

                        users.Schema = reader.TokenType == JsonTokenType.EndArray ? [.. schema] : null;
                        reader.Skip();
                    }
                    else if (reader.ValueTextEquals("data"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
                    {
                        users.HasData = true;
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        data = start..(int)reader.BytesConsumed;
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("session"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                using var session = JsonDocument.ParseValue(ref reader);
                users.SessionId = Long(session.RootElement, "session_id");
                users.Sequence = Long(session.RootElement, "batch_seq");
                users.HasLastBatchFlag = session.RootElement.TryGetProperty("last_batch_flag", out var last) && last.ValueKind is JsonValueKind.True or JsonValueKind.False;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (data is { } rows)
        {
            // Read after the whole object, since the schema (which says which keys are hashed) may come after the data.
            users.ReadRows(rows, users.Schema?.Select(k => !unhashedKeys.Contains(k)).ToArray() ?? []);
        }

        return users;
    }

    /// <summary>A stored row's values, empty for null.</summary>
    /// <summary>The digest of the row's values joined by '|' (null as ""), read without a string per value.</summary>
    public static MemberDigest Digest(ReadOnlyMemory<byte> row)
    {
        var joined = new ArrayBufferWriter<byte>(row.Length);
        var reader = new Utf8JsonReader(row.Span);
        reader.Read();
        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first)
            {
                joined.Write("|"u8);
            }

            first = false;
            if (reader.TokenType == JsonTokenType.String)
            {
                if (reader.ValueIsEscaped)
                {
                    joined.Write(System.Text.Encoding.UTF8.GetBytes(reader.GetString()!));
                }
                else
                {
                    joined.Write(reader.ValueSpan);
                }
            }
        }

        return MemberDigest.Of(joined.WrittenSpan);
    }

    public static string[] Decode(ReadOnlyMemory<byte> row) =>
        [.. JsonSerializer.Deserialize<string?[]>(row.Span)!.Select(v => v ?? "")];

    private void ReadRows(Range rows, bool[] hashed)
    {
        var (offset, length) = rows.GetOffsetAndLength(Body.Length);
        var reader = new Utf8JsonReader(Body.Span.Slice(offset, length));
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var start = offset + (int)reader.TokenStartIndex;
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                Misshapen++;
                Rows.Add((Body.Slice(start, offset + (int)reader.BytesConsumed - start), false));
                continue;
            }

            int width = 0, filled = 0, badHashes = 0;
            var strings = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                {
                    strings = false;
                    reader.Skip();
                }
                else if (reader.TokenType == JsonTokenType.String && (reader.ValueIsEscaped ? reader.GetString()!.Length : reader.ValueSpan.Length) > 0)
                {
                    filled++;
                    badHashes += width < hashed.Length && hashed[width] && !IsSha256Hex(ref reader) ? 1 : 0;
                }

                width++;
            }

            var shaped = strings && width == hashed.Length;
            Misshapen += shaped ? 0 : 1;
            Unhashed += badHashes > 0 ? 1 : 0;
            Rows.Add((Body.Slice(start, offset + (int)reader.BytesConsumed - start), shaped && filled > 0 && badHashes == 0));
        }
    }

    // 64 lower-case hex digits; hex needs no escapes, so an escaped value is checked as its decoded text.
    private static bool IsSha256Hex(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            var text = reader.GetString()!;
            return text.Length == 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
        }

        var value = reader.ValueSpan;
        if (value.Length != 64)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
