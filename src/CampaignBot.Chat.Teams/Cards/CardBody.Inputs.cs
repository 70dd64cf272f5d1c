using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Cards;

/// <summary>Form fields as inputs whose id is the field's id, each followed by its hint and, after a refused submit, its error.</summary>
internal sealed partial class CardBody
{
    /// <param name="checkedByTeams">Marks required fields so Teams asks for them before sending; false leaves every check to the core.</param>
    public void AddField(FormField field, string? error, IReadOnlyList<string>? entered, bool checkedByTeams = true)
    {
        if (field.Id == CardActionData.Envelope)
        {
            throw new ArgumentException($"A field cannot be called '{CardActionData.Envelope}': the key carries the card's own data.", nameof(field));
        }

        var id = UniqueId(field.Id);
        var input = field switch
        {
            TextField text => TextInput(id, text, entered),
            ChoiceField choice => ChoiceInput(id, choice.Choices, choice.Multiple, choice.SearchSource, entered ?? choice.Initial),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.GetType().Name, "No Adaptive Card input for this field."),
        };
        input["label"] = CardText.Printable(field.Label);
        if (!field.Optional && checkedByTeams)
        {
            // Teams checks these before sending; the core still validates everything on submit.
            input["isRequired"] = true;
            input["errorMessage"] = field is ChoiceField ? $"Choose {field.Label}." : $"{field.Label} is required.";
        }

        Append(input);
        if (field.Hint is { Length: > 0 } hint)
        {
            Elements.Add(CardText.Tight(CardText.Block(hint, CardText.Subtle)));
        }

        if (error is { Length: > 0 })
        {
            Elements.Add(CardText.Tight(CardText.Block("❌ " + error, run =>
            {
                CardText.Attention(run);
                run["size"] = "Small";
            })));
        }
    }

    private static JsonObject TextInput(string id, TextField text, IReadOnlyList<string>? entered)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = id,
            ["isMultiline"] = text.Multiline,
            ["maxLength"] = text.MaxLength,
        };
        var value = entered is { Count: > 0 } ? entered[0] : text.Initial;
        if (value is { Length: > 0 })
        {
            input["value"] = Cut(value, text.MaxLength);
        }

        if (text.Placeholder is { Length: > 0 } placeholder)
        {
            input["placeholder"] = placeholder;
        }

        return input;
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, never splitting an emoji's surrogate pair.</summary>
    private static string Cut(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var keep = max > 0 && char.IsHighSurrogate(value[max - 1]) ? max - 1 : max;
        return value[..keep];
    }
}
