using System.Text;
using System.Text.Json;

namespace CampaignBot.Chat.Slack.Protocol;

/// <summary>Reads the application/x-www-form-urlencoded bodies Slack posts, and safe lookups in its JSON.</summary>
internal static class SlackForm
{
    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            // First value wins: a smuggled duplicate field must not override the one Slack sent first.
            fields.TryAdd(name, equals < 0 ? "" : Decode(pair[(equals + 1)..]));
        }

        return fields;
    }

    public static string Get(this IReadOnlyDictionary<string, string> form, string name) => form.TryGetValue(name, out var value) ? value : "";

    public static string? Str(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement Obj(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    public static IEnumerable<JsonProperty> Props(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element.EnumerateObject() : [];

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
