using System.Text.Json;

namespace CampaignBot.Chat.Slack.Protocol;

/// <summary>Reads what an input element holds, whatever its kind, as a list of strings.</summary>
internal static class SlackStateValues
{
    /// <summary>state.values is { blockId: { actionId: element } }; flattened to "blockId/actionId" → values.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Flatten(JsonElement values)
    {
        var flat = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var block in values.Props())
        {
            foreach (var action in block.Value.Props())
            {
                flat[$"{block.Name}/{action.Name}"] = Of(action.Value);
            }
        }

        return flat;
    }

    /// <summary>
    /// plain_text_input has "value" (null when left empty), selects and radios "selected_option", multi selects and
    /// checkboxes "selected_options"; pickers have selected_date, selected_user(s), selected_channel(s), … .
    /// </summary>
    public static IReadOnlyList<string> Of(JsonElement element)
    {
        var values = new List<string>();
        foreach (var property in element.Props())
        {
            switch (property.Name)
            {
                case "value" or "selected_option":
                    AddValue(values, property.Value);
                    break;
                case "selected_options":
                    values.AddRange(property.Value.ValueKind == JsonValueKind.Array
                        ? property.Value.EnumerateArray().Select(o => o.Str("value")).OfType<string>()
                        : []);
                    break;
                case var name when name.StartsWith("selected_", StringComparison.Ordinal):
                    AddValue(values, property.Value);
                    break;
            }
        }

        return values;
    }

    private static void AddValue(List<string> values, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                values.Add(value.GetString()!);
                break;
            case JsonValueKind.Number:
                // selected_date_time is epoch seconds.
                values.Add(value.GetRawText());
                break;
            case JsonValueKind.Object when value.Str("value") is { } optionValue:
                values.Add(optionValue);
                break;
            case JsonValueKind.Array:
                values.AddRange(value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
                break;
        }
    }
}
