using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Slack.BlockKit;

/// <summary>A <see cref="ChatForm"/> as a Slack modal: one input block per field, its id the field's id.</summary>
internal static class SlackModal
{
    public const int MaxBlocks = 100;
    public const int MaxPrivateMetadata = 3000;
    private const int MaxStaticOptions = 100;

    /// <summary>Every input's element carries this action id unless it searches a long list.</summary>
    public const string ValueAction = "value";

    public static JsonObject Render(ChatForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.State.Length > MaxPrivateMetadata)
        {
            throw new ArgumentException($"Form state is {form.State.Length} characters; Slack keeps at most {MaxPrivateMetadata}.", nameof(form));
        }

        var blocks = new JsonArray();
        var buttons = form.Buttons.Count > 0 ? SlackBlocks.Render(new ActionRow(form.Buttons)) : [];
        foreach (var block in form.Intro.SelectMany(SlackBlocks.Render).Concat(form.Fields.Select(Input)).Concat(buttons).Take(MaxBlocks))
        {
            blocks.Add(block);
        }

        var view = new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = form.FormId,
            ["private_metadata"] = form.State,
            ["title"] = SlackBlocks.Plain(form.Title, 24),
            ["close"] = SlackBlocks.Plain("Cancel", 24),
            ["blocks"] = blocks,
        };
        if (form.SubmitLabel.Length > 0 || form.Fields.Count > 0)
        {
            // Slack refuses a modal with inputs and no submit button.
            view["submit"] = SlackBlocks.Plain(form.SubmitLabel, 24);
        }

        return view;
    }

    private static JsonObject Input(FormField field)
    {
        var input = new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = field.Id,
            ["label"] = SlackBlocks.Plain(field.Label, 2000),
            ["optional"] = field.Optional,
            ["element"] = Element(field),
        };
        if (field.Hint is { Length: > 0 } hint)
        {
            input["hint"] = SlackBlocks.Plain(hint, 2000);
        }

        return input;
    }

    private static JsonObject Element(FormField field) => field switch
    {
        TextField text => TextInput(text),
        ChoiceField choice when choice.Choices.Count > MaxStaticOptions => SearchInput(choice),
        ChoiceField choice => ChoiceInput(choice),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.GetType().Name, "No Slack input for this field."),
    };

    private static JsonObject TextInput(TextField text)
    {
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = ValueAction,
            ["multiline"] = text.Multiline,
            ["max_length"] = Math.Min(text.MaxLength, 3000),
        };
        if (text.Initial is { Length: > 0 } initial)
        {
            element["initial_value"] = SlackText.Truncate(initial, Math.Min(text.MaxLength, 3000));
        }

        if (text.Placeholder is { Length: > 0 } placeholder)
        {
            element["placeholder"] = SlackBlocks.Plain(placeholder, 150);
        }

        return element;
    }

    private static JsonObject ChoiceInput(ChoiceField choice)
    {
        var element = new JsonObject
        {
            ["type"] = choice.Multiple ? "multi_static_select" : "static_select",
            ["action_id"] = ValueAction,
            ["options"] = new JsonArray([.. choice.Choices.Select(c => (JsonNode)SlackBlocks.Option(c))]),
        };
        var initial = choice.Choices.Where(c => choice.Initial.Contains(c.Value, StringComparer.Ordinal)).ToList();
        if (choice.Multiple && initial.Count > 0)
        {
            element["initial_options"] = new JsonArray([.. initial.Select(c => (JsonNode)SlackBlocks.Option(c))]);
        }
        else if (!choice.Multiple && initial.Count > 0)
        {
            element["initial_option"] = SlackBlocks.Option(initial[0]);
        }

        return element;
    }

    /// <summary>Past 100 options Slack offers a typed search; its suggestions come back by the search source's name.</summary>
    private static JsonObject SearchInput(ChoiceField choice) => new()
    {
        ["type"] = choice.Multiple ? "multi_external_select" : "external_select",
        ["action_id"] = choice.SearchSource ?? throw new ArgumentException($"Field '{choice.Id}' has {choice.Choices.Count} choices and no search source.", nameof(choice)),
        ["min_query_length"] = 0,
    };
}
