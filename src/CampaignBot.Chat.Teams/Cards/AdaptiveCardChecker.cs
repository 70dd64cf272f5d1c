using System.Text.Json;
using System.Text.Json.Nodes;

namespace CampaignBot.Chat.Teams.Cards;

/// <summary>Walks a card and collects violations for <see cref="AdaptiveCardLimits"/>; the input and action rules are in AdaptiveCardChecker.Elements.cs.</summary>
internal sealed partial class AdaptiveCardChecker
{
    private static readonly HashSet<string> ElementTypes = new(StringComparer.Ordinal)
    {
        "TextBlock", "RichTextBlock", "Image", "ImageSet", "Media", "Container", "ColumnSet", "FactSet", "ActionSet", "Table",
        "Input.Text", "Input.Number", "Input.Date", "Input.Time", "Input.Toggle", "Input.ChoiceSet",
    };

    private readonly List<AdaptiveCardViolation> _violations = [];
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly List<(string Target, string Path)> _toggleTargets = [];
    private bool _usesSearch;

    public IReadOnlyList<AdaptiveCardViolation> Violations => _violations;

    public void Add(string path, string rule) => _violations.Add(new AdaptiveCardViolation(path, rule));

    public static string? Str(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public void Card(JsonObject card)
    {
        if (Str(card, "type") != "AdaptiveCard")
        {
            Add("$.type", "must be AdaptiveCard");
        }

        Elements(card["body"], "$.body", required: false);
        Actions(card["actions"], "$.actions");
        Refresh(card["refresh"], "$.refresh");
        foreach (var (target, path) in _toggleTargets.Where(t => !_ids.ContainsKey(t.Target)))
        {
            Add(path, $"no element has the id '{target}' to show or hide");
        }

        // Teams renders 1.5; the one 1.6 feature it has, dynamic type-ahead, is the only reason to say 1.6.
        var version = Str(card, "version");
        var expected = _usesSearch ? AdaptiveCardRenderer.SearchVersion : AdaptiveCardRenderer.Version;
        if (version != expected)
        {
            Add("$.version", _usesSearch ? "a card with Data.Query type-ahead must be version 1.6" : "must be version 1.5, the newest Teams renders");
        }
    }

    private void Elements(JsonNode? node, string path, bool required)
    {
        if (node is null)
        {
            if (required)
            {
                Add(path, "is required");
            }

            return;
        }

        if (node is not JsonArray elements)
        {
            Add(path, "must be an array");
            return;
        }

        for (var i = 0; i < elements.Count; i++)
        {
            Element(elements[i], $"{path}[{i}]");
        }
    }

    private void Element(JsonNode? node, string at)
    {
        if (node is not JsonObject element || Str(element, "type") is not { } type)
        {
            Add(at, "an element must be an object with a type");
            return;
        }

        if (!ElementTypes.Contains(type))
        {
            Add($"{at}.type", $"'{type}' is not an Adaptive Card 1.5 element");
            return;
        }

        Id(element, at, required: type.StartsWith("Input.", StringComparison.Ordinal));
        switch (type)
        {
            case "RichTextBlock":
                Inlines(element, at);
                break;
            case "TextBlock" when string.IsNullOrWhiteSpace(Str(element, "text")):
                Add($"{at}.text", "a TextBlock needs text");
                break;
            case "Container":
                Elements(element["items"], $"{at}.items", required: true);
                break;
            case "ColumnSet":
                Columns(element, at);
                break;
            case "ActionSet":
                Actions(element["actions"], $"{at}.actions", required: true);
                break;
            case "Input.ChoiceSet":
                Input(element, at);
                ChoiceSet(element, at);
                break;
            case var input when input.StartsWith("Input.", StringComparison.Ordinal):
                Input(element, at);
                break;
        }
    }

    private void Inlines(JsonObject block, string at)
    {
        if (block["inlines"] is not JsonArray inlines || inlines.Count == 0)
        {
            Add($"{at}.inlines", "a RichTextBlock needs at least one TextRun");
            return;
        }

        for (var i = 0; i < inlines.Count; i++)
        {
            var text = inlines[i] is JsonObject run ? Str(run, "text") : inlines[i] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (string.IsNullOrEmpty(text))
            {
                Add($"{at}.inlines[{i}]", "a TextRun needs text");
            }
        }
    }

    private void Columns(JsonObject columnSet, string at)
    {
        var columns = columnSet["columns"] as JsonArray ?? [];
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] is JsonObject column)
            {
                Id(column, $"{at}.columns[{i}]", required: false);
                Elements(column["items"], $"{at}.columns[{i}].items", required: false);
            }
        }
    }

    /// <summary>Ids are unique across the whole card ("All inputs must have a unique Id"; DuplicateId).</summary>
    private void Id(JsonObject node, string at, bool required)
    {
        var id = Str(node, "id");
        if (string.IsNullOrEmpty(id))
        {
            if (required)
            {
                Add($"{at}.id", "an input needs an id");
            }

            return;
        }

        if (!_ids.TryAdd(id, at))
        {
            Add($"{at}.id", $"id '{id}' is already used at {_ids[id]}");
        }
    }
}
