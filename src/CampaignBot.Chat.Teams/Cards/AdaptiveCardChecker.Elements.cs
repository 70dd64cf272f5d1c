using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Cards;

/// <summary>Inputs, choice sets, actions and refresh.</summary>
internal sealed partial class AdaptiveCardChecker
{
    private static readonly HashSet<string> ActionTypes = new(StringComparer.Ordinal)
    {
        "Action.Execute", "Action.Submit", "Action.OpenUrl", "Action.ShowCard", "Action.ToggleVisibility",
    };

    private void Input(JsonObject input, string at)
    {
        if (input["isRequired"] is JsonValue required && required.TryGetValue<bool>(out var isRequired) && isRequired)
        {
            // Teams (and the adaptivecards library) want both, or the person cannot tell what is missing.
            if (string.IsNullOrWhiteSpace(Str(input, "label")))
            {
                Add($"{at}.label", "a required input needs a label");
            }

            if (string.IsNullOrWhiteSpace(Str(input, "errorMessage")))
            {
                Add($"{at}.errorMessage", "a required input needs an error message");
            }
        }
    }

    private void ChoiceSet(JsonObject input, string at)
    {
        var choices = input["choices"] as JsonArray ?? [];
        if (choices.Count == 0)
        {
            Add($"{at}.choices", "a choice set needs at least one choice");
        }

        if (choices.Count > AdaptiveCardLimits.MaxChoices)
        {
            Add($"{at}.choices", $"at most {AdaptiveCardLimits.MaxChoices} choices (has {choices.Count}); use type-ahead for longer lists");
        }

        var multi = input["isMultiSelect"] is JsonValue m && m.TryGetValue<bool>(out var isMulti) && isMulti;
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] is not JsonObject choice || Str(choice, "title") is not { Length: > 0 } || Str(choice, "value") is not { } value)
            {
                Add($"{at}.choices[{i}]", "a choice needs a title and a value");
            }
            else if (multi && value.Contains(',', StringComparison.Ordinal))
            {
                // A multi-select answers with the values joined by commas, so a comma inside one would split it.
                Add($"{at}.choices[{i}].value", "a multi-select choice value must not contain ','");
            }
        }

        var search = input["choices.data"] is JsonObject;
        if (input["choices.data"] is JsonObject query)
        {
            _usesSearch = true;
            if (Str(query, "type") != "Data.Query" || string.IsNullOrEmpty(Str(query, "dataset")))
            {
                Add($"{at}.choices.data", "must be {type: Data.Query, dataset}");
            }
        }

        if (Str(input, "style") == "filtered" && !search)
        {
            Add($"{at}.style", "filtered is not in the 1.5 schema; use compact (or Data.Query type-ahead at 1.6)");
        }
    }

    private void Actions(JsonNode? node, string path, bool required = false)
    {
        if (node is not JsonArray actions)
        {
            if (node is not null || required)
            {
                Add(path, "must be an array of actions");
            }

            return;
        }

        if (actions.Count > AdaptiveCardLimits.MaxActionsPerSet)
        {
            Add(path, $"at most {AdaptiveCardLimits.MaxActionsPerSet} actions in a row (has {actions.Count})");
        }

        for (var i = 0; i < actions.Count; i++)
        {
            Action(actions[i], $"{path}[{i}]");
        }
    }

    private void Action(JsonNode? node, string at)
    {
        if (node is not JsonObject action || Str(action, "type") is not { } type || !ActionTypes.Contains(type))
        {
            Add(at, "an action must be an object with an Adaptive Card 1.5 action type");
            return;
        }

        Id(action, at, required: false);
        if (string.IsNullOrWhiteSpace(Str(action, "title")))
        {
            Add($"{at}.title", "a button needs a title");
        }

        switch (type)
        {
            case "Action.Execute":
                Execute(action, at);
                break;
            case "Action.ToggleVisibility":
                Targets(action, at);
                break;
            case "Action.ShowCard" when action["card"] is JsonObject card:
                Elements(card["body"], $"{at}.card.body", required: false);
                Actions(card["actions"], $"{at}.card.actions");
                break;
        }
    }

    /// <summary>The library accepts an Action.Execute without a verb, but the bot could not tell what was clicked.</summary>
    private void Execute(JsonObject action, string at)
    {
        if (string.IsNullOrWhiteSpace(Str(action, "verb")))
        {
            Add($"{at}.verb", "an Action.Execute needs a verb");
        }

        if (action["data"] is { } data and not JsonObject)
        {
            Add($"{at}.data", "data must be an object so input values can be merged into it");
        }
    }

    private void Targets(JsonObject action, string at)
    {
        var targets = action["targetElements"] as JsonArray ?? [];
        if (targets.Count == 0)
        {
            Add($"{at}.targetElements", "a toggle needs at least one target");
        }

        for (var i = 0; i < targets.Count; i++)
        {
            var id = targets[i] switch
            {
                JsonObject target => Str(target, "elementId"),
                JsonValue value when value.TryGetValue<string>(out var text) => text,
                _ => null,
            };
            if (id is not null)
            {
                _toggleTargets.Add((id, $"{at}.targetElements[{i}]"));
            }
        }
    }

    private void Refresh(JsonNode? node, string at)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonObject refresh || refresh["action"] is not JsonObject action || Str(action, "type") != "Action.Execute")
        {
            Add(at, "refresh needs an Action.Execute action");
            return;
        }

        Execute(action, $"{at}.action");
        if (refresh["userIds"] is JsonArray users && users.Count > AdaptiveCardRenderer.MaxRefreshUsers)
        {
            Add($"{at}.userIds", $"Teams refreshes for at most {AdaptiveCardRenderer.MaxRefreshUsers} users (has {users.Count})");
        }
    }
}
