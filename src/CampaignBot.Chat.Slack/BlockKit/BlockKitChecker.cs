using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Slack.BlockKit;

/// <summary>Walks blocks and collects violations for <see cref="BlockKitLimits"/>; the element rules are in BlockKitElementRules.cs.</summary>
internal sealed partial class BlockKitChecker
{
    private const int MaxText = 3000;
    private const int MaxId = 255;

    private readonly List<BlockKitViolation> _violations = [];

    public IReadOnlyList<BlockKitViolation> Violations => _violations;

    public void Add(string path, string rule) => _violations.Add(new BlockKitViolation(path, rule));

    public static string? Str(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public void Blocks(JsonArray blocks, string path, int maxBlocks)
    {
        Count(blocks, path, maxBlocks, "blocks");
        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (blocks[i] is not JsonObject block)
            {
                Add(at, "a block must be an object");
                continue;
            }

            if (Str(block, "block_id") is { } blockId)
            {
                Length(block, "block_id", $"{at}.block_id", MaxId);
                if (!blockIds.Add(blockId))
                {
                    Add($"{at}.block_id", $"block_id '{blockId}' is not unique in the message");
                }
            }

            Block(block, at);
        }
    }

    private void Block(JsonObject block, string at)
    {
        switch (Str(block, "type"))
        {
            case "section":
                if (block["text"] is null && block["fields"] is null)
                {
                    Add(at, "a section needs text or fields");
                }

                Text(block["text"], $"{at}.text", MaxText);
                if (block["fields"] is JsonArray fields)
                {
                    Count(fields, $"{at}.fields", 10, "fields");
                    for (var i = 0; i < fields.Count; i++)
                    {
                        Text(fields[i], $"{at}.fields[{i}]", 2000);
                    }
                }

                Elements(block["accessory"] is JsonObject accessory ? new List<JsonNode?> { accessory } : [], $"{at}.accessory", single: true);
                break;
            case "header":
                Text(block["text"], $"{at}.text", 150, plainOnly: true, required: true);
                break;
            case "context":
                var contextElements = block["elements"] as JsonArray ?? [];
                Count(contextElements, $"{at}.elements", 10, "elements");
                for (var i = 0; i < contextElements.Count; i++)
                {
                    if (contextElements[i] is JsonObject element && Str(element, "type") is "plain_text" or "mrkdwn")
                    {
                        Text(element, $"{at}.elements[{i}]", MaxText);
                    }
                }

                break;
            case "actions":
                var actionElements = block["elements"] as JsonArray ?? [];
                Count(actionElements, $"{at}.elements", 25, "elements");
                Elements(actionElements, $"{at}.elements", single: false);
                break;
            case "input":
                Text(block["label"], $"{at}.label", 2000, plainOnly: true, required: true);
                Text(block["hint"], $"{at}.hint", 2000, plainOnly: true);
                Elements(block["element"] is JsonObject input ? new List<JsonNode?> { input } : [], $"{at}.element", single: true);
                break;
            case "image":
                Length(block, "image_url", $"{at}.image_url", MaxText);
                Length(block, "alt_text", $"{at}.alt_text", 2000);
                Text(block["title"], $"{at}.title", 2000, plainOnly: true);
                break;
            case "divider" or "rich_text" or "file" or "video":
                break;
            default:
                Add($"{at}.type", "unknown block type");
                break;
        }
    }

    /// <summary>A text object (plain_text or mrkdwn) of 1..<paramref name="max"/> characters; null passes unless required.</summary>
    public void Text(JsonNode? node, string path, int max, bool plainOnly = false, bool required = false)
    {
        if (node is null)
        {
            if (required)
            {
                Add(path, "text is required");
            }

            return;
        }

        if (node is not JsonObject text || Str(text, "type") is not ("plain_text" or "mrkdwn") || Str(text, "text") is not { } value)
        {
            Add(path, "must be a text object {type: plain_text|mrkdwn, text}");
            return;
        }

        if (plainOnly && Str(text, "type") != "plain_text")
        {
            Add($"{path}.type", "must be plain_text");
        }

        if (value.Length == 0 || value.Length > max)
        {
            Add($"{path}.text", $"text must be 1..{max} characters (is {value.Length})");
        }
    }

    public void Length(JsonObject node, string name, string path, int max)
    {
        if (Str(node, name) is { } value && value.Length > max)
        {
            Add(path, $"{name} must be at most {max} characters (is {value.Length})");
        }
    }

    public void Count(JsonArray items, string path, int max, string what)
    {
        if (items.Count > max)
        {
            Add(path, $"at most {max} {what} (has {items.Count})");
        }
    }
}
