using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Slack.BlockKit;

/// <summary>A broken Block Kit rule: where (a JSON path such as $.blocks[2].text.text) and which rule.</summary>
public sealed record BlockKitViolation(string Path, string Rule);

/// <summary>
/// Checks a message payload or a modal against the Block Kit limits Slack enforces (S6; node-slack-sdk @slack/types
/// JSDoc limits, docs.slack.dev block-kit reference), returning every violation at once. Slack would answer
/// invalid_blocks (or invalid_arguments) for any of them, so nothing the app sends may have one.
/// </summary>
public static class BlockKitLimits
{
    public const int MaxMessageBlocks = 50;
    public const int MaxViewBlocks = 100;
    public const int MaxViewTitle = 24;
    public const int MaxPrivateMetadata = 3000;
    public const int MaxCallbackId = 255;

    /// <summary>A chat.postMessage / chat.update / chat.postEphemeral / response_url body.</summary>
    public static IReadOnlyList<BlockKitViolation> CheckMessage(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var check = new BlockKitChecker();
        if (message["blocks"] is JsonArray blocks)
        {
            check.Blocks(blocks, "$.blocks", MaxMessageBlocks);
            // The top-level text is the notification and accessibility fallback for blocks (S6).
            if (blocks.Count > 0 && string.IsNullOrWhiteSpace(BlockKitChecker.Str(message, "text")))
            {
                check.Add("$.text", "text is required as the fallback when blocks are sent");
            }
        }

        return check.Violations;
    }

    /// <summary>A views.open / views.update view (modal or home tab).</summary>
    public static IReadOnlyList<BlockKitViolation> CheckView(JsonObject view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var check = new BlockKitChecker();
        var type = BlockKitChecker.Str(view, "type");
        if (type is not ("modal" or "home"))
        {
            check.Add("$.type", "view type must be modal or home");
        }

        var blocks = view["blocks"] as JsonArray ?? [];
        check.Blocks(blocks, "$.blocks", MaxViewBlocks);
        if (type == "modal")
        {
            if (view["title"] is null)
            {
                check.Add("$.title", "a modal needs a title");
            }

            check.Text(view["title"], "$.title", MaxViewTitle, plainOnly: true);
            check.Text(view["submit"], "$.submit", MaxViewTitle, plainOnly: true);
            check.Text(view["close"], "$.close", MaxViewTitle, plainOnly: true);
            // Slack answers "must define submit" (invalid_arguments) otherwise; node-slack-sdk PR 875.
            if (view["submit"] is null && blocks.OfType<JsonObject>().Any(b => BlockKitChecker.Str(b, "type") == "input"))
            {
                check.Add("$.submit", "submit is required when the modal has input blocks");
            }
        }

        check.Length(view, "private_metadata", "$.private_metadata", MaxPrivateMetadata);
        check.Length(view, "callback_id", "$.callback_id", MaxCallbackId);
        check.Length(view, "external_id", "$.external_id", MaxCallbackId);
        return check.Violations;
    }
}
