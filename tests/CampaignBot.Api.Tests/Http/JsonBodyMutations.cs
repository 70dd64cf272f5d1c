using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignBot.Api.Tests.Http;

/// <summary>
/// Seeded bodies for generative API tests: a valid example with one to three mutations — members dropped, renamed,
/// repeated or added, values of the wrong kind, deep nesting, huge numbers, odd strings — and sometimes damaged
/// bytes (truncated, invalid UTF-8), or JSON made up from nothing. The same seed gives the same bodies.
/// </summary>
internal sealed class JsonBodyMutations(int seed)
{
    private static readonly string[] OddNumbers =
        ["1e400", "-1e400", "1e-400", "79228162514264337593543950336", "-79228162514264337593543950336", "99999999999999999999999999999999999999", "2147483648", "-2147483649", "-0", "0.0000000000000000000000000001", "1.5", "-1", "0"];

    private static readonly string[] OddStrings =
        ["\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\\u202e evil\"", "\"👩‍💻\"", "\"a\\nb\"", "\"'; drop table x; --\"", "\"../../etc/passwd\"",
         "\"%s%s%n\"", "\"9999-12-31T23:59:59Z\"", "\"0001-01-01\"", "\"2026-02-30 25:61\"", "\"America/Nowhere\"", "\"Etc/GMT+99\"", "\"asap\"", "\"daily\"", "\"one-time\"", "\"NaN\"", "\"Infinity\""];

    private static readonly string[] KnownNames = ["name", "text", "filter", "comment", "hours", "audience", "include", "exclude", "schedule", "groups", "percent", "allOf", "not", "values"];

    private static readonly string[] OddNames = ["", " ", "$", "a.b", "it's", "[0]", "名前", "\u0001"];

    private readonly Random _random = new(seed);

    public string ContentType { get; private set; } = "application/json";

    /// <summary>A body derived from one of <paramref name="examples"/>, with <see cref="ContentType"/> set for it.</summary>
    public byte[] Next(IReadOnlyList<string> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ContentType = _random.Next(40) switch
        {
            0 => "text/plain",
            1 => "application/json; charset=utf-16",
            2 => "application/json; charset=nonsense",
            _ => "application/json",
        };

        var kind = _random.Next(20);
        if (kind == 0)
        {
            return [.. Enumerable.Range(0, _random.Next(64)).Select(_ => (byte)_random.Next(256))];
        }

        if (kind == 1)
        {
            return Encoding.UTF8.GetBytes(_random.Next(4) switch { 0 => "", 1 => "null", 2 => "  ", _ => Write(RandomValue(3), null) });
        }

        var root = JsonNode.Parse(examples[_random.Next(examples.Count)])!;
        JsonObject? repeated = null;
        // Half the bodies keep their shape (odd values of the right kind, members left out) so they reach validation.
        var keepShape = _random.Next(2) == 0;
        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            root = keepShape ? Reshape(root) : Mutate(root, ref repeated);
        }

        var bytes = Encoding.UTF8.GetBytes(Write(root, repeated));
        return _random.Next(6) == 0 ? Damage(bytes) : bytes;
    }

    private JsonNode Mutate(JsonNode root, ref JsonObject? repeated)
    {
        var nodes = Descendants(root).ToList();
        var target = nodes[_random.Next(nodes.Count)];
        var objects = nodes.OfType<JsonObject>().Where(o => o.Count > 0).ToList();
        switch (_random.Next(10))
        {
            case 0 when objects.Count > 0:
                var from = objects[_random.Next(objects.Count)];
                from.Remove(from.ElementAt(_random.Next(from.Count)).Key);
                return root;
            case 1 when objects.Count > 0:
                var renamed = objects[_random.Next(objects.Count)];
                var member = renamed.ElementAt(_random.Next(renamed.Count));
                var value = member.Value;
                renamed.Remove(member.Key);
                renamed[Typo(member.Key)] = value;
                return root;
            case 2 when objects.Count > 0:
                repeated = objects[_random.Next(objects.Count)];
                return root;
            case 3:
                (nodes.OfType<JsonObject>().ElementAtOrDefault(_random.Next(Math.Max(1, nodes.OfType<JsonObject>().Count()))) ?? new JsonObject())[RandomName()] = RandomValue(2);
                return root;
            case 4:
                return Replace(root, target, Nest(target.DeepClone(), _random.Next(1, 100)));
            case 5:
                return Replace(root, target, JsonNode.Parse(OddNumbers[_random.Next(OddNumbers.Length)])!);
            case 6:
                return Replace(root, target, JsonNode.Parse(OddStrings[_random.Next(OddStrings.Length)])!);
            case 7:
                return Replace(root, target, JsonValue.Create(new string((char)_random.Next('a', 'z' + 1), _random.Next(1, 300_000))));
            default:
                return Replace(root, target, RandomValue(_random.Next(3)));
        }
    }

    private JsonNode Reshape(JsonNode root)
    {
        var nodes = Descendants(root).ToList();
        var values = nodes.OfType<JsonValue>().ToList();
        var objects = nodes.OfType<JsonObject>().Where(o => o.Count > 0).ToList();
        if (_random.Next(4) == 0 && objects.Count > 0)
        {
            var from = objects[_random.Next(objects.Count)];
            from.Remove(from.ElementAt(_random.Next(from.Count)).Key);
            return root;
        }

        if (values.Count == 0)
        {
            return root;
        }

        var target = values[_random.Next(values.Count)];
        JsonNode? replacement = target.GetValueKind() switch
        {
            JsonValueKind.String when _random.Next(10) == 0 => JsonValue.Create(new string('x', _random.Next(1, 5000))),
            JsonValueKind.String => JsonNode.Parse(OddStrings[_random.Next(OddStrings.Length)]),
            JsonValueKind.Number => JsonNode.Parse(OddNumbers[_random.Next(OddNumbers.Length)]),
            JsonValueKind.True or JsonValueKind.False => JsonValue.Create(_random.Next(2) == 0),
            _ => null,
        };
        return Replace(root, target, replacement);
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(m => m.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    private static JsonNode Replace(JsonNode root, JsonNode target, JsonNode? replacement)
    {
        if (ReferenceEquals(root, target))
        {
            return replacement ?? new JsonArray();
        }

        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                break;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                break;
        }

        return root;
    }

    private JsonNode Nest(JsonNode inner, int depth)
    {
        var node = inner;
        for (var i = 0; i < depth; i++)
        {
            node = _random.Next(2) == 0 ? new JsonArray(node) : new JsonObject { [RandomName()] = node };
        }

        return node;
    }

    private JsonNode? RandomValue(int depth) => _random.Next(depth > 0 ? 8 : 6) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.Next(-1000, 1000)),
        3 => JsonNode.Parse(OddNumbers[_random.Next(OddNumbers.Length)]),
        4 => JsonNode.Parse(OddStrings[_random.Next(OddStrings.Length)]),
        5 => JsonValue.Create(RandomName()),
        6 => new JsonArray([.. Enumerable.Range(0, _random.Next(4)).Select(_ => RandomValue(depth - 1))]),
        _ => new JsonObject(Enumerable.Range(0, _random.Next(4)).Select(_ => KeyValuePair.Create(RandomName(), RandomValue(depth - 1))).DistinctBy(m => m.Key)),
    };

    private string RandomName() => _random.Next(3) switch
    {
        0 => new string([.. Enumerable.Range(0, _random.Next(1, 12)).Select(_ => (char)_random.Next('a', 'z' + 1))]),
        1 => KnownNames[_random.Next(KnownNames.Length)],
        _ => OddNames[_random.Next(OddNames.Length)],
    };

    private string Typo(string name)
    {
        if (name.Length < 2)
        {
            return name + "x";
        }

        var at = _random.Next(name.Length - 1);
        return _random.Next(4) switch
        {
            0 => name.Remove(at, 1),
            1 => string.Concat(name.AsSpan(0, at), name[at + 1].ToString(), name[at].ToString(), name.AsSpan(at + 2)),
            2 => name.ToUpperInvariant(),
            _ => name.Insert(at, "_"),
        };
    }

    // Utf8JsonWriter writes a member twice when asked; JsonObject cannot hold that, so the repeat happens here.
    private static string Write(JsonNode? root, JsonObject? repeated)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, root, repeated);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node, JsonObject? repeated)
    {
        switch (node)
        {
            case JsonObject o:
                writer.WriteStartObject();
                var members = o.ToList();
                if (ReferenceEquals(o, repeated) && members.Count > 0)
                {
                    members.Insert(0, members[^1]);
                }

                foreach (var (name, value) in members)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value, repeated);
                }

                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a)
                {
                    Write(writer, item, repeated);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            case JsonValue value when value.TryGetValue<JsonElement>(out var parsed):
                // Written as parsed: a lone surrogate escape or a number too large for .NET stays exactly as it was.
                writer.WriteRawValue(parsed.GetRawText(), skipInputValidation: true);
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private byte[] Damage(byte[] bytes)
    {
        var at = bytes.Length == 0 ? 0 : _random.Next(bytes.Length);
        byte[] invalid = _random.Next(4) switch
        {
            0 => [0xFF],
            1 => [0xC3],
            2 => [0xED, 0xA0, 0x80],
            _ => [0xEF, 0xBB, 0xBF],
        };
        return _random.Next(3) switch
        {
            0 => bytes[..at],
            1 => [.. bytes[..at], .. invalid, .. bytes[at..]],
            _ => [.. invalid, .. bytes],
        };
    }
}
