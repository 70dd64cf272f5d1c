using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Activities;

/// <summary>
/// Reads an <c>adaptiveCard/action</c> invoke (T4): <c>value = {action: {type: "Action.Execute", id, verb, data}, trigger}</c>,
/// and decodes what our own cards put in <c>data</c> (see <see cref="CardActionData"/>) into a button value or a form.
/// </summary>
internal static class CardActionReader
{
    public static TeamsCardAction? Read(JsonObject activity, TeamsEnvelope envelope, ActivityFields fields)
    {
        var value = fields.Object(activity, "value", "$", required: true);
        var action = fields.Object(value, "action", "$.value", required: value is not null);
        var type = fields.String(action, "type", "$.value.action", required: action is not null);
        if (type is not null && type != "Action.Execute")
        {
            // botbuilder answers NotSupported for anything but Action.Execute.
            fields.Problem("$.value.action.type", "only Action.Execute is supported");
        }

        var verb = fields.String(action, "verb", "$.value.action", required: action is not null);
        var data = fields.Object(action, "data", "$.value.action") ?? [];
        var trigger = fields.String(value, "trigger", "$.value") ?? "manual";
        if (trigger is not ("manual" or "automatic"))
        {
            fields.Problem("$.value.trigger", "must be manual or automatic");
        }

        var ours = fields.Object(data, CardActionData.Envelope, "$.value.action.data");
        var form = Form(data, ours, fields);
        if (verb is null || type != "Action.Execute")
        {
            return null;
        }

        return new TeamsCardAction
        {
            Envelope = envelope,
            Verb = verb,
            Data = data,
            Trigger = trigger,
            Value = ButtonValue(data, ours, fields),
            Form = form,
        };
    }

    private static string? ButtonValue(JsonObject data, JsonObject? ours, ActivityFields fields)
    {
        var path = $"$.value.action.data.{CardActionData.Envelope}";
        if (fields.String(ours, CardActionData.Value, path) is { } value)
        {
            return value;
        }

        // A picker's button reads the option chosen in its input.
        return fields.String(ours, CardActionData.Input, path) is { } input ? Text(data[input]) : null;
    }

    private static FormSubmission? Form(JsonObject data, JsonObject? ours, ActivityFields fields)
    {
        var path = $"$.value.action.data.{CardActionData.Envelope}";
        if (fields.String(ours, CardActionData.Form, path) is not { } formId)
        {
            return null;
        }

        var state = fields.String(ours, CardActionData.State, path) ?? "";
        var multi = (fields.Array(ours, CardActionData.Multi, path) ?? []).Select(Text).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, node) in data)
        {
            if (key == CardActionData.Envelope || Text(node) is not { } text)
            {
                continue;
            }

            // Teams joins a multi-select's values with commas (T4); a text input keeps its commas.
            values[key] = multi.Contains(key)
                ? text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [text];
        }

        return new FormSubmission(formId, state, values);
    }

    /// <summary>Inputs arrive as strings; a number or boolean (from a hand-made client) is taken as its text.</summary>
    private static string? Text(JsonNode? node) => node is JsonValue value ? value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    } : null;
}
