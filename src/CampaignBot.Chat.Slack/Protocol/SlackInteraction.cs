using System.Text.Json;
using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Chat.Slack.Protocol;

public enum SlackInteractionType
{
    BlockActions,
    ViewSubmission,
    ViewClosed,
    BlockSuggestion,
    Shortcut,
    MessageAction,
}

/// <summary>One pressed button or changed menu in a block_actions payload; <see cref="Values"/> holds value or selected option(s).</summary>
public sealed record SlackAction(string ActionId, string BlockId, string Type, IReadOnlyList<string> Values)
{
    public string? Value => Values.Count > 0 ? Values[0] : null;

    /// <summary>When the person acted ("1765000010.123456"); with the user and action id it names one click.</summary>
    public string ActionTs { get; init; } = "";
}

/// <summary>A modal as Slack sends it back. <see cref="Values"/> is state.values flattened to "blockId/actionId" → entered values.</summary>
public sealed record SlackView(string Id, string CallbackId, string PrivateMetadata, string Hash, IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
{
    public IReadOnlyList<string> ValuesOf(string blockId, string actionId) =>
        Values.TryGetValue($"{blockId}/{actionId}", out var values) ? values : [];
}

/// <summary>
/// An interactivity payload (S4): the form body's single "payload" field holds URL-encoded JSON.
/// Fields that the payload type does not carry are empty strings (e.g. no response_url on view_submission).
/// </summary>
public sealed record SlackInteraction
{
    public required SlackInteractionType Type { get; init; }

    public required string UserId { get; init; }

    public string TeamId { get; init; } = "";

    public string ChannelId { get; init; } = "";

    public string TriggerId { get; init; } = "";

    public string ResponseUrl { get; init; } = "";

    /// <summary>The ts of the message the action came from, for chat.update.</summary>
    public string MessageTs { get; init; } = "";

    /// <summary>Shortcut and message_action callback_id.</summary>
    public string CallbackId { get; init; } = "";

    public IReadOnlyList<SlackAction> Actions { get; init; } = [];

    public SlackView? View { get; init; }

    /// <summary>block_suggestion: what the person typed into an external select, and which select asks.</summary>
    public string SuggestionValue { get; init; } = "";

    public string SuggestionActionId { get; init; } = "";

    public string SuggestionBlockId { get; init; } = "";

    private static readonly Dictionary<string, SlackInteractionType> Types = new(StringComparer.Ordinal)
    {
        ["block_actions"] = SlackInteractionType.BlockActions,
        ["view_submission"] = SlackInteractionType.ViewSubmission,
        ["view_closed"] = SlackInteractionType.ViewClosed,
        ["block_suggestion"] = SlackInteractionType.BlockSuggestion,
        ["shortcut"] = SlackInteractionType.Shortcut,
        ["message_action"] = SlackInteractionType.MessageAction,
    };

    public static SlackParseResult<SlackInteraction> Parse(ReadOnlySpan<byte> formBody)
    {
        var payload = SlackForm.Parse(formBody).Get("payload");
        return payload.Length == 0 ? SlackParseResult<SlackInteraction>.Fail("no payload field") : ParseJson(payload);
    }

    public static SlackParseResult<SlackInteraction> ParseJson(string payloadJson)
    {
        try
        {
            using var document = JsonDocument.Parse(payloadJson);
            return FromJson(document.RootElement);
        }
        catch (JsonException)
        {
            return SlackParseResult<SlackInteraction>.Fail("payload is not valid JSON");
        }
        catch (InvalidOperationException)
        {
            // JsonDocument checks a string only when it is read: an escaped lone surrogate ("\ud800") fails there.
            return SlackParseResult<SlackInteraction>.Fail("payload holds a string that is not valid Unicode");
        }
    }

    private static SlackParseResult<SlackInteraction> FromJson(JsonElement root)
    {
        var typeName = root.Str("type");
        if (typeName is null || !Types.TryGetValue(typeName, out var type))
        {
            return SlackParseResult<SlackInteraction>.Fail($"unsupported interaction type '{typeName}'");
        }

        var userId = root.Obj("user").Str("id");
        if (string.IsNullOrEmpty(userId))
        {
            return SlackParseResult<SlackInteraction>.Fail("interaction without user.id");
        }

        var container = root.Obj("container");
        var view = root.Obj("view");
        return SlackParseResult<SlackInteraction>.Ok(new SlackInteraction
        {
            Type = type,
            UserId = userId,
            TeamId = root.Obj("team").Str("id") ?? "",
            ChannelId = root.Obj("channel").Str("id") ?? container.Str("channel_id") ?? "",
            TriggerId = root.Str("trigger_id") ?? "",
            ResponseUrl = root.Str("response_url") ?? "",
            MessageTs = container.Str("message_ts") ?? root.Obj("message").Str("ts") ?? "",
            CallbackId = root.Str("callback_id") ?? "",
            Actions = [.. root.Items("actions").Select(ActionFrom)],
            View = view.ValueKind == JsonValueKind.Object ? ViewFrom(view) : null,
            SuggestionValue = type == SlackInteractionType.BlockSuggestion ? root.Str("value") ?? "" : "",
            SuggestionActionId = type == SlackInteractionType.BlockSuggestion ? root.Str("action_id") ?? "" : "",
            SuggestionBlockId = type == SlackInteractionType.BlockSuggestion ? root.Str("block_id") ?? "" : "",
        });
    }

    private static SlackAction ActionFrom(JsonElement action) =>
        new(WithoutRepeatMark(action.Str("action_id") ?? ""), action.Str("block_id") ?? "", action.Str("type") ?? "", SlackStateValues.Of(action))
        {
            ActionTs = action.Str("action_ts") ?? "",
        };

    // "alert.mute#2" is the second Mute button of a block: the same action (see SlackBlocks.Actions).
    private static string WithoutRepeatMark(string actionId) =>
        actionId.LastIndexOf(SlackBlocks.RepeatMark) is > 0 and var at && int.TryParse(actionId.AsSpan(at + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) ? actionId[..at] : actionId;

    private static SlackView ViewFrom(JsonElement view) =>
        new(
            view.Str("id") ?? "",
            view.Str("callback_id") ?? "",
            view.Str("private_metadata") ?? "",
            view.Str("hash") ?? "",
            SlackStateValues.Flatten(view.Obj("state").Obj("values")));
}
