using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Activities;

/// <summary>Reads typed fields from activity JSON and collects every problem with its path, never throwing.</summary>
internal sealed class ActivityFields
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public void Problem(string path, string sentence) => _problems.Add($"{path}: {sentence}");

    /// <summary>A string field; a required one must be present and not blank (unless <paramref name="allowEmpty"/>).</summary>
    public string? String(JsonObject? owner, string name, string path, bool required = false, bool allowEmpty = false)
    {
        var node = owner?[name];
        if (node is null)
        {
            if (required)
            {
                Problem($"{path}.{name}", "is required");
            }

            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            Problem($"{path}.{name}", "must be a string");
            return null;
        }

        var text = value.GetValue<string>();
        if (required && !allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            Problem($"{path}.{name}", "must not be empty");
            return null;
        }

        return text;
    }

    public JsonObject? Object(JsonObject? owner, string name, string path, bool required = false)
    {
        var node = owner?[name];
        if (node is JsonObject found)
        {
            return found;
        }

        if (node is not null || required)
        {
            Problem($"{path}.{name}", node is null ? "is required" : "must be an object");
        }

        return null;
    }

    public JsonArray? Array(JsonObject? owner, string name, string path)
    {
        var node = owner?[name];
        if (node is null or JsonArray)
        {
            return node as JsonArray;
        }

        Problem($"{path}.{name}", "must be an array");
        return null;
    }

    public bool Bool(JsonObject? owner, string name, string path)
    {
        var node = owner?[name];
        if (node is null)
        {
            return false;
        }

        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }

        Problem($"{path}.{name}", "must be true or false");
        return false;
    }

    /// <summary>A whole number within <paramref name="min"/>..<paramref name="max"/>, or <paramref name="fallback"/> when absent.</summary>
    public int Int(JsonObject? owner, string name, string path, int fallback, int min, int max)
    {
        var node = owner?[name];
        if (node is null)
        {
            return fallback;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) && number >= min && number <= max)
        {
            return number;
        }

        Problem($"{path}.{name}", $"must be a whole number from {min} to {max}");
        return fallback;
    }

    public DateTimeOffset? Timestamp(JsonObject owner, string name, string path)
    {
        if (String(owner, name, path) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return instant;
        }

        Problem($"{path}.{name}", "must be an ISO-8601 timestamp");
        return null;
    }

    /// <summary>An account ({id, name, aadObjectId}); id is required.</summary>
    public TeamsAccount? Account(JsonNode? node, string path)
    {
        if (node is not JsonObject account)
        {
            Problem(path, node is null ? "is required" : "must be an object");
            return null;
        }

        var id = String(account, "id", path, required: true);
        var name = String(account, "name", path);
        var aadObjectId = String(account, "aadObjectId", path);
        return id is null ? null : new TeamsAccount(id, name, aadObjectId);
    }
}
