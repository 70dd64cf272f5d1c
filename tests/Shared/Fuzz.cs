using System.Text;
using System.Text.Json.Nodes;

namespace CampaignBot.Tests.Fuzzing;

/// <summary>
/// Seeded random and mutated inputs for generative tests of the parsers that read outside input. A run is
/// reproducible: the seed is <see cref="DefaultSeed"/> unless CAMPAIGNBOT_GENERATIVE_SEED names another (set it
/// to explore), and a failure names the seed, the case number and the input, so the case can be run again.
/// Linked into each test project that fuzzes (tests/Shared).
/// </summary>
internal sealed class Fuzz
{
    public const int DefaultSeed = 20_261_123;

    /// <summary>Pieces that break parsers: controls, entities, markup, broken UTF-16, odd numbers, separators.</summary>
    public static readonly string[] Oddities =
    [
        "\0", "\t", "\r", "\n", "\r\n", "\u0085", "\u2028", "\u202E", "\u2066", "\u200B", "\u200D", "\uFE0F", "\uFEFF", "\uFFFD",
        "\uD83D", "\uDE00", "😀", "👩‍💻", "👨‍👩‍👧‍👦", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "1️⃣", "é", "e\u0301", "ß", "İ", "ı", "中文", "عربى", "עברית",
        "&", "&amp;", "&lt;", "&gt;", "&amp;amp;", "&#39;", "<", ">", "<>", "<@U0BOT>", "<@U1|x>", "<#C1|general>", "<!here>", "<!subteam^S1>",
        "<mailto:a@b.c|a@b.c>", "<https://x.test/?a=1&amp;b=2|label>", "%", "%00", "%zz", "%C3%28", "%ED%A0%80", "%F0%9F%98", "+", "=", "&=",
        "'", "''", "\"", "\\", "\\u0000", "\\ud800", "(", ")", "((((", "))))", ",", ";", "|", "{", "}", "[", "]", ":", "/", "#", "@", "$", "*",
        "9999999999999999999999999999", "-9223372036854775809", "1e308", "1e400", "-0", "0.0000000000000000000001", "NaN", "Infinity", "0x1F",
        "2026-02-30", "0000-01-01", "9999-12-31", "not", "and", "or", "in", "between", "last", "is", "empty", "starts with", "contains",
    ];

    public Fuzz(int? seed = null)
    {
        Seed = seed ?? FromEnvironment() ?? DefaultSeed;
        Random = new Random(Seed);
    }

    public int Seed { get; }

    public Random Random { get; }

    public T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    public bool Chance(double probability) => Random.NextDouble() < probability;

    /// <summary>Up to <paramref name="maxLength"/> characters mixing ASCII, <see cref="Oddities"/> and random code units.</summary>
    public string RandomText(int maxLength)
    {
        var text = new StringBuilder();
        var length = Random.Next(maxLength + 1);
        while (text.Length < length)
        {
            _ = Random.Next(4) switch
            {
                0 => text.Append(Pick(Oddities)),
                1 => text.Append((char)Random.Next(0x20, 0x7F)),
                2 => text.Append((char)Random.Next(0, 0x10000)),
                _ => text.Append(' '),
            };
        }

        return text.ToString();
    }

    /// <summary><paramref name="text"/> with 1–4 random edits: insertions, deletions, duplications, swaps, huge repeats, cuts.</summary>
    public string Mutate(string text)
    {
        var result = new StringBuilder(text);
        for (var edits = Random.Next(1, 5); edits > 0; edits--)
        {
            var at = Random.Next(result.Length + 1);
            var span = result.Length - at == 0 ? 0 : Random.Next(1, Math.Min(16, result.Length - at) + 1);
            switch (Random.Next(8))
            {
                case 0:
                    result.Insert(at, Pick(Oddities));
                    break;
                case 1:
                    result.Remove(at, span);
                    break;
                case 2:
                    result.Insert(at, result.ToString(at, span));
                    break;
                case 3 when span > 0:
                    result[at] = (char)Random.Next(0, 0x10000);
                    break;
                case 4:
                    result.Insert(at, string.Concat(Enumerable.Repeat(Pick(Oddities), Random.Next(2, 3000))));
                    break;
                case 5:
                    result.Length = at;
                    break;
                case 6 when span > 0:
                    var cut = result.ToString(at, span);
                    result.Remove(at, span).Insert(Random.Next(result.Length + 1), cut);
                    break;
                default:
                    result.Insert(at, (char)Random.Next(0x20, 0x7F));
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary><paramref name="bytes"/> with 1–4 byte edits, including invalid UTF-8 (0xC0, 0xFF, half sequences).</summary>
    public byte[] MutateBytes(byte[] bytes)
    {
        var result = new List<byte>(bytes);
        byte[][] invalid = [[0xC0], [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF0, 0x9F], [0xF5, 0x80, 0x80, 0x80], [0x00]];
        for (var edits = Random.Next(1, 5); edits > 0; edits--)
        {
            var at = Random.Next(result.Count + 1);
            switch (Random.Next(4))
            {
                case 0:
                    result.InsertRange(at, Pick(invalid));
                    break;
                case 1 when at < result.Count:
                    result[at] = (byte)Random.Next(256);
                    break;
                case 2 when at < result.Count:
                    result.RemoveRange(at, Math.Min(result.Count - at, Random.Next(1, 8)));
                    break;
                default:
                    result.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Oddities)));
                    break;
            }
        }

        return [.. result];
    }

    /// <summary>JSON kept well-formed but with values swapped for other types, odd or huge strings, extreme numbers and deep nesting.</summary>
    public string MutateJson(string json)
    {
        var root = JsonNode.Parse(json)!;
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        for (var edits = Random.Next(1, 6); edits > 0 && nodes.Count > 0; edits--)
        {
            var target = Pick(nodes);
            if (target.Parent is JsonObject parent)
            {
                parent[target.GetPropertyName()] = RandomValue();
            }
            else if (target.Parent is JsonArray array)
            {
                array[target.GetElementIndex()] = RandomValue();
            }

            nodes.Clear();
            Collect(root, nodes);
        }

        return root.ToJsonString();
    }

    private JsonNode? RandomValue() => Random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(RandomText(40)),
        2 => JsonValue.Create(Random.NextDouble() * Math.Pow(10, Random.Next(-300, 300))),
        3 => JsonValue.Create(Chance(0.5)),
        4 => new JsonArray(JsonValue.Create(Pick(Oddities)), new JsonObject { ["value"] = RandomText(10) }),
        5 => new JsonObject { ["id"] = RandomText(10), ["value"] = JsonValue.Create(Random.Next()) },
        6 => Nested(Random.Next(1, 60)),
        7 => JsonValue.Create(string.Concat(Enumerable.Repeat(Pick(Oddities), Random.Next(1, 2000)))),
        _ => JsonValue.Create(Pick(Oddities)),
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create("deep");
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonObject { ["values"] = node } : new JsonArray(node);
        }

        return node;
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        if (node is null)
        {
            return;
        }

        if (node.Parent is not null)
        {
            into.Add(node);
        }

        switch (node)
        {
            case JsonObject o:
                foreach (var property in o.ToList())
                {
                    Collect(property.Value, into);
                }

                break;
            case JsonArray a:
                foreach (var item in a.ToList())
                {
                    Collect(item, into);
                }

                break;
        }
    }

    /// <summary>Runs <paramref name="count"/> cases; any exception escapes wrapped with what reproduces it.</summary>
    public void Cases<T>(int count, Func<int, T> input, Action<T> check, Func<T, string>? describe = null)
    {
        for (var i = 0; i < count; i++)
        {
            var value = input(i);
            try
            {
                check(value);
            }
            catch (Exception e)
            {
                throw new FuzzFailure(Seed, i, describe?.Invoke(value) ?? value?.ToString() ?? "null", e);
            }
        }
    }

    /// <summary>The async form of <see cref="Cases{T}"/>.</summary>
    public async Task CasesAsync<T>(int count, Func<int, T> input, Func<T, Task> check, Func<T, string>? describe = null)
    {
        for (var i = 0; i < count; i++)
        {
            var value = input(i);
            try
            {
                await check(value);
            }
            catch (Exception e)
            {
                throw new FuzzFailure(Seed, i, describe?.Invoke(value) ?? value?.ToString() ?? "null", e);
            }
        }
    }

    private static int? FromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("CAMPAIGNBOT_GENERATIVE_SEED"), out var seed) ? seed : null;
}

internal sealed class FuzzFailure(int seed, int @case, string input, Exception inner)
    : Exception($"Case {@case} of seed {seed} (rerun with CAMPAIGNBOT_GENERATIVE_SEED={seed}) failed for input [{Escape(input)}]: {inner.GetType().Name}: {inner.Message}", inner)
{
    // Long inputs are cut; the seed and case number reproduce them exactly.
    private static string Escape(string input)
    {
        var shown = input.Length > 400 ? input[..400] + $"… ({input.Length} characters)" : input;
        return string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));
    }
}
