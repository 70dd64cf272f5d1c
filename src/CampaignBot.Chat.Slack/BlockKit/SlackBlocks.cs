using System.Text;
using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Slack.BlockKit;

/// <summary>One neutral block to one or more Block Kit blocks, within Slack's per-block limits.</summary>
internal static class SlackBlocks
{
    private const int SectionText = 3000;
    private const int FieldText = 2000;
    private const int FieldsPerSection = 10;
    private const int ElementsPerActions = 25;
    private const int MaxStaticOptions = 100;

    public static IEnumerable<JsonObject> Render(ChatBlock block) => block switch
    {
        Heading h => [new JsonObject { ["type"] = "header", ["text"] = Plain(h.Text, 150) }],
        Paragraph p => Sections(SlackText.Escape(p.Text)),
        FactList f => f.Facts.Chunk(FieldsPerSection).Select(FactSection),
        BulletList b => Sections(string.Join('\n', b.Items.Select(i => "• " + SlackText.Escape(i)))),
        Notice n => Sections($"{Icon(n.Tone)} {SlackText.Escape(n.Text)}"),
        Footnote f => [Context(SlackText.Escape(f.Text))],
        Divider => [new JsonObject { ["type"] = "divider" }],
        ActionRow row => row.Buttons.Chunk(ElementsPerActions).Select(buttons => Actions(buttons.Select(Button))),
        Picker picker => [Actions([Select(picker)])],
        _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "No Block Kit rendering for this block."),
    };

    public static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = Fit(mrkdwn, SectionText) }),
    };

    public static JsonObject Plain(string text, int limit) => new()
    {
        ["type"] = "plain_text",
        ["text"] = Fit(text, limit),
        ["emoji"] = true,
    };

    /// <summary>Slack refuses empty text objects, so an empty value becomes a dash.</summary>
    public static string Fit(string text, int limit) => string.IsNullOrWhiteSpace(text) ? "-" : SlackText.Truncate(text, limit);

    public static JsonObject Option(Choice choice)
    {
        var option = new JsonObject { ["text"] = Plain(choice.Label, 75), ["value"] = choice.Value };
        if (choice.Description is { Length: > 0 } description)
        {
            option["description"] = Plain(description, 75);
        }

        return option;
    }

    public static JsonObject? Confirm(Confirmation? confirm) => confirm is null ? null : new JsonObject
    {
        ["title"] = Plain(confirm.Title, 100),
        ["text"] = Plain(confirm.Text, 300),
        ["confirm"] = Plain(confirm.ConfirmLabel, 30),
        ["deny"] = Plain(confirm.DenyLabel, 30),
    };

    private static IEnumerable<JsonObject> Sections(string mrkdwn)
    {
        foreach (var chunk in LineChunks(mrkdwn, SectionText))
        {
            yield return new JsonObject
            {
                ["type"] = "section",
                ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Fit(chunk, SectionText) },
            };
        }
    }

    private static JsonObject FactSection(Fact[] facts) => new()
    {
        ["type"] = "section",
        ["fields"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject
        {
            ["type"] = "mrkdwn",
            ["text"] = Fit($"*{SlackText.Escape(f.Label)}*\n{SlackText.Escape(f.Value)}", FieldText),
        })]),
    };

    /// <summary>Marks the 2nd, 3rd… button of one action in a block ("alert.mute#2"); the interaction parser drops the mark.</summary>
    internal const char RepeatMark = '#';

    // Slack refuses a message whose block holds two elements with one action_id (invalid_blocks), so a repeated
    // action (Mute 4 h, Mute 24 h) is told apart by a mark; the button's value says which one was pressed.
    private static JsonObject Actions(IEnumerable<JsonObject> elements)
    {
        var all = elements.ToList();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in all)
        {
            if (element["action_id"]?.GetValue<string>() is { } id)
            {
                var count = seen[id] = seen.GetValueOrDefault(id) + 1;
                if (count > 1)
                {
                    element["action_id"] = $"{id}{RepeatMark}{count}";
                }
            }
        }

        return new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray([.. all]) };
    }

    private static JsonObject Button(ChatButton button)
    {
        var element = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = button.ActionId,
            ["text"] = Plain(button.Label, 75),
            ["value"] = button.Value,
        };
        if (button.Style != ButtonStyle.Default)
        {
            element["style"] = button.Style == ButtonStyle.Primary ? "primary" : "danger";
        }

        if (Confirm(button.Confirm) is { } confirm)
        {
            element["confirm"] = confirm;
        }

        return element;
    }

    private static JsonObject Select(Picker picker) => picker.Choices.Count <= MaxStaticOptions
        ? new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = picker.ActionId,
            ["placeholder"] = Plain(picker.Placeholder, 150),
            ["options"] = new JsonArray([.. picker.Choices.Select(c => (JsonNode)Option(c))]),
        }
        : new JsonObject
        {
            // Past 100 options Slack needs a typed search served from the options load URL.
            ["type"] = "external_select",
            ["action_id"] = picker.ActionId,
            ["placeholder"] = Plain(picker.Placeholder, 150),
            ["min_query_length"] = 1,
        };

    private static string Icon(Tone tone) => tone switch
    {
        Tone.Success => ":white_check_mark:",
        Tone.Warning => ":warning:",
        Tone.Error => ":x:",
        _ => ":information_source:",
    };

    /// <summary>Splits long text at line ends so each section stays within its limit.</summary>
    private static IEnumerable<string> LineChunks(string text, int limit)
    {
        var chunk = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (chunk.Length > 0 && chunk.Length + 1 + line.Length > limit)
            {
                yield return chunk.ToString();
                chunk.Clear();
            }

            if (chunk.Length > 0)
            {
                chunk.Append('\n');
            }

            chunk.Append(line);
        }

        yield return chunk.ToString();
    }
}
