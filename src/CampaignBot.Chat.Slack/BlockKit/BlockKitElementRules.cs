using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Slack.BlockKit;

/// <summary>Interactive elements and composition objects (buttons, menus, options, confirm dialogs).</summary>
internal sealed partial class BlockKitChecker
{
    private const int MaxOptionText = 75;

    private void Elements(IList<JsonNode?> elements, string path, bool single)
    {
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < elements.Count; i++)
        {
            var at = single ? path : $"{path}[{i}]";
            if (elements[i] is not JsonObject element)
            {
                Add(at, "an element must be an object");
                continue;
            }

            if (Str(element, "action_id") is { } actionId)
            {
                Length(element, "action_id", $"{at}.action_id", MaxId);
                if (!actionIds.Add(actionId))
                {
                    Add($"{at}.action_id", $"action_id '{actionId}' is not unique in its block");
                }
            }

            Element(element, at);
        }
    }

    private void Element(JsonObject element, string at)
    {
        Text(element["placeholder"], $"{at}.placeholder", 150, plainOnly: true);
        Confirm(element["confirm"], $"{at}.confirm");
        switch (Str(element, "type"))
        {
            case "button":
                Text(element["text"], $"{at}.text", 75, plainOnly: true, required: true);
                Length(element, "value", $"{at}.value", 2000);
                Length(element, "url", $"{at}.url", MaxText);
                Length(element, "accessibility_label", $"{at}.accessibility_label", 75);
                break;
            case "static_select" or "multi_static_select" or "external_select" or "multi_external_select":
                Options(element, at, 100);
                if (element["option_groups"] is JsonArray groups)
                {
                    Count(groups, $"{at}.option_groups", 100, "option groups");
                    for (var i = 0; i < groups.Count; i++)
                    {
                        if (groups[i] is JsonObject group)
                        {
                            Text(group["label"], $"{at}.option_groups[{i}].label", MaxOptionText, plainOnly: true);
                            Options(group, $"{at}.option_groups[{i}]", 100);
                        }
                    }
                }

                break;
            case "checkboxes" or "radio_buttons":
                Options(element, at, 10);
                break;
            case "overflow":
                Options(element, at, 5);
                break;
            case "plain_text_input":
                foreach (var bound in new[] { "max_length", "min_length" })
                {
                    if (element[bound] is JsonValue v && v.TryGetValue<int>(out var n) && n > MaxText)
                    {
                        Add($"{at}.{bound}", $"{bound} must be at most {MaxText}");
                    }
                }

                Length(element, "initial_value", $"{at}.initial_value", MaxText);
                break;
        }
    }

    private void Options(JsonObject owner, string at, int max)
    {
        if (owner["options"] is not JsonArray options)
        {
            return;
        }

        Count(options, $"{at}.options", max, "options");
        for (var i = 0; i < options.Count; i++)
        {
            var path = $"{at}.options[{i}]";
            if (options[i] is not JsonObject option)
            {
                Add(path, "an option must be an object");
                continue;
            }

            Text(option["text"], $"{path}.text", MaxOptionText, required: true);
            Text(option["description"], $"{path}.description", MaxOptionText, plainOnly: true);
            // @slack/types documents 75 for option values; current docs may allow more, so stay at 75 (S6).
            Length(option, "value", $"{path}.value", MaxOptionText);
        }
    }

    private void Confirm(JsonNode? node, string at)
    {
        if (node is not JsonObject confirm)
        {
            return;
        }

        Text(confirm["title"], $"{at}.title", 100, plainOnly: true, required: true);
        Text(confirm["text"], $"{at}.text", 300, required: true);
        Text(confirm["confirm"], $"{at}.confirm", 30, plainOnly: true, required: true);
        Text(confirm["deny"], $"{at}.deny", 30, plainOnly: true, required: true);
    }
}
