using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Cards;

/// <summary>
/// Buttons, confirmations and pickers. Every button is an Action.Execute (Universal Actions, T4): Teams sends an
/// adaptiveCard/action invoke with verb = the action id and data.campaignbot.value = the button's value.
/// </summary>
internal sealed partial class CardBody
{
    /// <summary>Buttons per row: past it Teams folds them into an overflow menu and the library refuses the card.</summary>
    public const int MaxActionsPerSet = AdaptiveCardLimits.MaxActionsPerSet;

    /// <summary>Past this many options a menu becomes a type-ahead search over the core's search source.</summary>
    public const int MaxStaticChoices = 100;

    /// <summary>How many options a type-ahead shows before the person types (the list must not be empty).</summary>
    public const int SearchPreviewChoices = 15;

    public static JsonObject Execute(string title, string verb, JsonObject ours, ButtonStyle style = ButtonStyle.Default, bool gathersInputs = true)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = CardText.Printable(title),
            ["verb"] = verb,
            ["data"] = new JsonObject { [CardActionData.Envelope] = ours },
        };
        if (StyleName(style) is { } name)
        {
            action["style"] = name;
        }

        if (!gathersInputs)
        {
            // A Back or Cancel button on a form must not be stopped by the form's required fields.
            action["associatedInputs"] = "none";
        }

        return action;
    }

    private void AddButtons(IReadOnlyList<ChatButton> buttons)
    {
        foreach (var chunk in buttons.Chunk(MaxActionsPerSet))
        {
            var confirmations = new List<JsonObject>();
            var actions = new JsonArray();
            foreach (var button in chunk)
            {
                if (button.Confirm is { } confirm)
                {
                    var panel = ConfirmationPanel(button, confirm);
                    confirmations.Add(panel);
                    actions.Add(Reveal(button.Label, panel["id"]!.GetValue<string>(), button.Style));
                }
                else
                {
                    actions.Add(Button(button));
                }
            }

            Append(new JsonObject { ["type"] = "ActionSet", ["actions"] = actions });
            foreach (var panel in confirmations)
            {
                Elements.Add(panel);
            }
        }
    }

    private JsonObject Button(ChatButton button) =>
        Execute(button.Label, button.ActionId, new JsonObject { [CardActionData.Value] = button.Value }, button.Style, gathersInputs: !inForm);

    /// <summary>
    /// Action.Execute has no confirm dialog, so a confirming button only reveals a hidden panel under its row: the
    /// question, the real button (Confirm label) and a button that hides the panel again (Deny label). Nothing reaches
    /// the bot until the second click, as with Slack's confirm dialog.
    /// </summary>
    private JsonObject ConfirmationPanel(ChatButton button, Confirmation confirm)
    {
        var id = UniqueId($"confirm.{button.ActionId}");
        var deny = new JsonObject
        {
            ["type"] = "Action.ToggleVisibility",
            ["title"] = CardText.Printable(confirm.DenyLabel),
            ["targetElements"] = new JsonArray(new JsonObject { ["type"] = "TargetElement", ["elementId"] = id, ["isVisible"] = false }),
        };
        var yes = Execute(confirm.ConfirmLabel, button.ActionId, new JsonObject { [CardActionData.Value] = button.Value }, button.Style, gathersInputs: !inForm);
        return new JsonObject
        {
            ["type"] = "Container",
            ["id"] = id,
            ["isVisible"] = false,
            ["style"] = "emphasis",
            ["items"] = new JsonArray(
                CardText.Block(confirm.Title, CardText.Bold),
                CardText.Block(confirm.Text),
                new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(yes, deny) }),
        };
    }

    private static JsonObject Reveal(string label, string panelId, ButtonStyle style)
    {
        var reveal = new JsonObject
        {
            ["type"] = "Action.ToggleVisibility",
            ["title"] = CardText.Printable(label),
            ["targetElements"] = new JsonArray(new JsonObject { ["type"] = "TargetElement", ["elementId"] = panelId, ["isVisible"] = true }),
        };
        if (StyleName(style) is { } name)
        {
            reveal["style"] = name;
        }

        return reveal;
    }

    /// <summary>A menu and a Choose button whose data names the menu, so the parser reads the choice from it.</summary>
    private void AddPicker(Picker picker)
    {
        var id = UniqueId(picker.ActionId);
        var input = ChoiceInput(id, picker.Choices, multiple: false, picker.ActionId);
        input["placeholder"] = CardText.Printable(picker.Placeholder);
        input["label"] = CardText.Printable(picker.Placeholder);
        Append(input);
        Elements.Add(new JsonObject
        {
            ["type"] = "ActionSet",
            ["actions"] = new JsonArray(Execute("Choose", picker.ActionId, new JsonObject { [CardActionData.Input] = id })),
        });
    }

    /// <summary>An Input.ChoiceSet: radio buttons for a few options, a menu for more, type-ahead for long lists.</summary>
    private JsonObject ChoiceInput(string id, IReadOnlyList<Choice> choices, bool multiple, string? searchSource, IReadOnlyList<string>? selected = null)
    {
        selected ??= [];
        var input = new JsonObject { ["type"] = "Input.ChoiceSet", ["id"] = id, ["isMultiSelect"] = multiple };
        if (choices.Count > MaxStaticChoices)
        {
            var dataset = searchSource ?? throw new ArgumentException($"'{id}' has {choices.Count} choices and no search source.", nameof(choices));
            // The 1.5 static list would make the card too big; Teams asks the bot (application/search) as the person types.
            NeedsSearch = true;
            input["style"] = "filtered";
            input["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = dataset };
            choices = [.. choices.Where(c => selected.Contains(c.Value, StringComparer.Ordinal)).Concat(choices).Distinct().Take(SearchPreviewChoices)];
        }
        else
        {
            input["style"] = choices.Count <= 5 ? "expanded" : "compact";
        }

        input["choices"] = new JsonArray([.. choices.Select(c => (JsonNode?)new JsonObject
        {
            ["title"] = CardText.Printable(c.Description is { Length: > 0 } d ? $"{c.Label} — {d}" : c.Label),
            ["value"] = c.Value,
        })]);
        var chosen = selected.Where(v => v.Length > 0).ToList();
        if (chosen.Count > 0)
        {
            input["value"] = multiple ? string.Join(',', chosen) : chosen[0];
        }

        if (multiple)
        {
            MultiSelectIds.Add(id);
        }

        return input;
    }

    private static string? StyleName(ButtonStyle style) => style switch
    {
        ButtonStyle.Primary => "positive",
        ButtonStyle.Danger => "destructive",
        _ => null,
    };
}
