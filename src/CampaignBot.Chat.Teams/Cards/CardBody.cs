using System.Globalization;
using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Teams.Cards;

/// <summary>
/// Builds one card's body from neutral blocks and form fields: unique element ids, dividers as separators on the next
/// element, and whether the card needs 1.6 (dynamic type-ahead). One instance per card.
/// </summary>
internal sealed partial class CardBody(bool inForm)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private bool _separatorPending;

    public JsonArray Elements { get; } = [];

    /// <summary>True once a Data.Query type-ahead is on the card: Teams renders it, but it is an Adaptive Cards 1.6 feature.</summary>
    public bool NeedsSearch { get; private set; }

    /// <summary>Ids of multi-select inputs, for the submit data (their values arrive comma-joined).</summary>
    public List<string> MultiSelectIds { get; } = [];

    public void Add(ChatBlock block)
    {
        switch (block)
        {
            case Heading heading:
                Append(CardText.Block(heading.Text, CardText.Heading));
                break;
            case Paragraph paragraph:
                AppendAll(CardText.Lines(paragraph.Text));
                break;
            case FactList facts:
                AppendAll(facts.Facts.Select((fact, i) => CardText.Tight(FactRow(fact), i > 0)));
                break;
            case BulletList bullets:
                AppendAll(bullets.Items.Select((item, i) => CardText.Tight(CardText.Block("• " + item), i > 0)));
                break;
            case Notice notice:
                Append(Notice(notice));
                break;
            case Footnote footnote:
                AppendAll(CardText.Lines(footnote.Text, CardText.Subtle));
                break;
            case Divider:
                _separatorPending = true;
                break;
            case ChatImage image:
                Append(new JsonObject
                {
                    ["type"] = "Image",
                    ["url"] = "data:image/png;base64," + Convert.ToBase64String(image.Png),
                    ["altText"] = image.AltText,
                    ["size"] = "Stretch",
                });
                break;
            case ActionRow row:
                AddButtons(row.Buttons);
                break;
            case Picker picker:
                AddPicker(picker);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "No Adaptive Card rendering for this block.");
        }
    }

    /// <summary>An id not yet used on this card: ids must be unique ("All inputs must have a unique Id").</summary>
    public string UniqueId(string wanted)
    {
        var id = wanted;
        for (var n = 2; !_ids.Add(id); n++)
        {
            id = $"{wanted}#{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return id;
    }

    public void Append(JsonObject element)
    {
        if (_separatorPending)
        {
            element["separator"] = true;
            element["spacing"] = "Medium";
            _separatorPending = false;
        }

        Elements.Add(element);
    }

    private void AppendAll(IEnumerable<JsonObject> elements)
    {
        foreach (var element in elements)
        {
            Append(element);
        }
    }

    /// <summary>A fact as a two-column row of literal text; equal weights keep the values aligned down the card.</summary>
    private static JsonObject FactRow(Fact fact) => new()
    {
        ["type"] = "ColumnSet",
        ["columns"] = new JsonArray(
            new JsonObject { ["type"] = "Column", ["width"] = 2, ["items"] = new JsonArray(CardText.Block(fact.Label, CardText.Bold)) },
            new JsonObject { ["type"] = "Column", ["width"] = 3, ["items"] = new JsonArray(CardText.Block(fact.Value)) }),
    };

    private static JsonObject Notice(Notice notice) => new()
    {
        ["type"] = "Container",
        ["style"] = CardText.ContainerStyle(notice.Tone),
        ["items"] = new JsonArray([.. CardText.Lines($"{CardText.Icon(notice.Tone)} {notice.Text}", run => run["color"] = CardText.Color(notice.Tone))]),
    };
}
