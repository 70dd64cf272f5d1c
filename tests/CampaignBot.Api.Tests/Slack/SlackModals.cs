using System.Text.Json.Nodes;

namespace CampaignBot.Api.Tests.Slack;

/// <summary>Modal payloads as Slack posts them: a submission, and a click on a button inside the modal.</summary>
internal static class SlackModals
{
    private static int _clicks;

    /// <summary>state.values for a modal as Slack sends it: each input block's element, filled from <paramref name="answers"/> or its initial value.</summary>
    public static JsonObject StateFor(JsonObject view, IReadOnlyDictionary<string, string[]> answers)
    {
        var values = new JsonObject();
        foreach (var block in view["blocks"]!.AsArray().Select(b => b!.AsObject()).Where(b => b["type"]!.GetValue<string>() == "input"))
        {
            var id = block["block_id"]!.GetValue<string>();
            var element = block["element"]!.AsObject();
            var type = element["type"]!.GetValue<string>();
            var given = answers.TryGetValue(id, out var typed) ? typed
                : element["initial_value"] is { } initial ? [initial.GetValue<string>()]
                : element["initial_option"] is { } option ? [option["value"]!.GetValue<string>()]
                : element["initial_options"] is JsonArray options ? [.. options.Select(o => o!["value"]!.GetValue<string>())]
                : [];
            values[id] = type switch
            {
                "plain_text_input" => Text(given.FirstOrDefault() ?? ""),
                "static_select" => given.Length == 0 ? new JsonObject { ["value"] = new JsonObject { ["type"] = type, ["selected_option"] = null } } : Select(given[0]),
                _ => MultiSelect(given),
            };
        }

        return values;
    }

    public static JsonObject Submit(string user, JsonObject view, JsonObject values) => new()
    {
        ["type"] = "view_submission",
        ["user"] = new JsonObject { ["id"] = user },
        ["team"] = new JsonObject { ["id"] = "T0001" },
        ["trigger_id"] = "trigger-submit",
        ["view"] = new JsonObject
        {
            ["id"] = "V0001",
            ["type"] = "modal",
            ["callback_id"] = view["callback_id"]!.GetValue<string>(),
            ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
            ["hash"] = "1700000000.abc",
            ["state"] = new JsonObject { ["values"] = values },
        },
    };

    public static JsonObject Text(string value) => new() { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } };

    public static JsonObject Select(string value) => new()
    {
        ["value"] = new JsonObject { ["type"] = "static_select", ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value }, ["value"] = value } },
    };

    public static JsonObject MultiSelect(params string[] values) => new()
    {
        ["value"] = new JsonObject
        {
            ["type"] = "multi_static_select",
            ["selected_options"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = v }, ["value"] = v })]),
        },
    };

    /// <summary>A click on a button inside an open modal (block_actions with the view and its current state, no response_url).</summary>
    public static JsonObject ClickIn(string user, JsonObject view, string viewId, string hash, JsonObject button, JsonObject values) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user },
        ["team"] = new JsonObject { ["id"] = "T0001" },
        ["container"] = new JsonObject { ["type"] = "view", ["view_id"] = viewId },
        ["trigger_id"] = $"trigger-{Guid.NewGuid():N}",
        ["view"] = new JsonObject
        {
            ["id"] = viewId,
            ["type"] = "modal",
            ["callback_id"] = view["callback_id"]!.GetValue<string>(),
            ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
            ["hash"] = hash,
            ["state"] = new JsonObject { ["values"] = values },
        },
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = button["action_id"]!.GetValue<string>(),
            ["block_id"] = "actions",
            ["value"] = button["value"]!.GetValue<string>(),
            ["action_ts"] = $"1700000002.{Interlocked.Increment(ref _clicks):D6}",
        }),
    };

    /// <summary>The modal's button with <paramref name="actionId"/> (a repeat mark "#2" allowed).</summary>
    public static JsonObject Button(JsonObject view, string actionId, string? label = null) =>
        view["blocks"]!.AsArray().Select(b => b!.AsObject()).Where(b => b["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b["elements"]!.AsArray().Select(e => e!.AsObject()))
            .First(e => e["action_id"]!.GetValue<string>().Split('#')[0] == actionId && (label is null || e["text"]!["text"]!.GetValue<string>() == label));
}
