using System.Text;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Web.Rendering;

/// <summary>
/// Renders the neutral message model as HTML fragments for the web chat page. Pure: the same message gives the same
/// HTML. No inline script or style is written (the page's Content-Security-Policy forbids both); buttons carry their
/// action in data attributes, which the page's script posts back.
/// </summary>
public static class ChatHtml
{
    /// <summary>A message as an article with the element id <paramref name="id"/>, so a later update replaces it in place.</summary>
    /// <param name="context">Where it comes from, shown above it ("Approvals", "Reply to …"); null for an answer to the reader.</param>
    public static string Message(string id, ChatMessage message, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var html = new StringBuilder();
        var safeId = HtmlText.Escape(id);
        html.Append("<article class=\"card\" id=\"").Append(safeId).Append("\" tabindex=\"-1\" aria-label=\"").Append(HtmlText.Escape(message.Summary)).Append("\">");
        if (context is { Length: > 0 })
        {
            html.Append("<p class=\"context\">").Append(HtmlText.Inline(context)).Append("</p>");
        }

        Blocks(html, id, message.Blocks);
        return html.Append("</article>").ToString();
    }

    /// <summary>What the reader typed, echoed into the conversation.</summary>
    public static string Said(string id, string text) =>
        $"<article class=\"card said\" id=\"{HtmlText.Escape(id)}\" tabindex=\"-1\"><p><span class=\"sr\">You said: </span>{HtmlText.Escape(text)}</p></article>";

    internal static void Blocks(StringBuilder html, string id, IReadOnlyList<ChatBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            Block(html, $"{id}-b{i}", blocks[i]);
        }
    }

    private static void Block(StringBuilder html, string id, ChatBlock block)
    {
        switch (block)
        {
            case Heading heading:
                html.Append("<h3>").Append(HtmlText.Inline(heading.Text)).Append("</h3>");
                break;
            case Paragraph paragraph:
                html.Append("<p>").Append(HtmlText.Inline(paragraph.Text)).Append("</p>");
                break;
            case FactList facts:
                html.Append("<dl class=\"facts\">");
                foreach (var fact in facts.Facts)
                {
                    html.Append("<div><dt>").Append(HtmlText.Inline(fact.Label)).Append("</dt><dd>").Append(HtmlText.Inline(fact.Value)).Append("</dd></div>");
                }

                html.Append("</dl>");
                break;
            case BulletList list:
                html.Append("<ul>");
                foreach (var item in list.Items)
                {
                    // Nested lines are indented with spaces in the core's text (a group's destinations under it).
                    var nested = item.StartsWith("    ", StringComparison.Ordinal);
                    html.Append(nested ? "<li class=\"nested\">" : "<li>").Append(HtmlText.Inline(item.Trim())).Append("</li>");
                }

                html.Append("</ul>");
                break;
            case Notice notice:
                html.Append("<p class=\"notice ").Append(ToneClass(notice.Tone)).Append("\"><span class=\"sr\">").Append(ToneWord(notice.Tone)).Append(": </span>")
                    .Append(HtmlText.Inline(notice.Text)).Append("</p>");
                break;
            case Footnote footnote:
                html.Append("<p class=\"footnote\"><small>").Append(HtmlText.Inline(footnote.Text)).Append("</small></p>");
                break;
            case Divider:
                html.Append("<hr>");
                break;
            case ActionRow row:
                Buttons(html, row.Buttons);
                break;
            case Picker picker:
                PickerMenu(html, id, picker);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, "No HTML for this block kind.");
        }
    }

    internal static void Buttons(StringBuilder html, IReadOnlyList<ChatButton> buttons)
    {
        html.Append("<div class=\"actions\">");
        ButtonElements(html, buttons);
        html.Append("</div>");
    }

    /// <summary>The buttons alone, for a row that holds others too (a form's submit and close).</summary>
    internal static void ButtonElements(StringBuilder html, IReadOnlyList<ChatButton> buttons)
    {
        foreach (var button in buttons)
        {
            html.Append("<button type=\"button\" class=\"btn").Append(StyleClass(button.Style)).Append("\" data-action=\"").Append(HtmlText.Escape(button.ActionId))
                .Append("\" data-value=\"").Append(HtmlText.Escape(button.Value)).Append('"');
            if (button.Confirm is { } confirm)
            {
                html.Append(" data-confirm-title=\"").Append(HtmlText.Escape(confirm.Title))
                    .Append("\" data-confirm-text=\"").Append(HtmlText.Escape(confirm.Text))
                    .Append("\" data-confirm-yes=\"").Append(HtmlText.Escape(confirm.ConfirmLabel))
                    .Append("\" data-confirm-no=\"").Append(HtmlText.Escape(confirm.DenyLabel)).Append('"');
            }

            html.Append('>').Append(HtmlText.Escape(button.Label)).Append("</button>");
        }
    }

    private static void PickerMenu(StringBuilder html, string id, Picker picker)
    {
        var select = HtmlText.Escape(id);
        html.Append("<div class=\"picker\"><label for=\"").Append(select).Append("\">").Append(HtmlText.Escape(picker.Placeholder)).Append("</label>")
            .Append("<select id=\"").Append(select).Append("\">");
        foreach (var choice in picker.Choices)
        {
            html.Append("<option value=\"").Append(HtmlText.Escape(choice.Value)).Append("\">").Append(HtmlText.Escape(choice.Label)).Append("</option>");
        }

        html.Append("</select><button type=\"button\" class=\"btn\" data-action=\"").Append(HtmlText.Escape(picker.ActionId))
            .Append("\" data-value-from=\"").Append(select).Append("\">Choose</button></div>");
    }

    private static string StyleClass(ButtonStyle style) => style switch
    {
        ButtonStyle.Primary => " btn-primary",
        ButtonStyle.Danger => " btn-danger",
        _ => "",
    };

    private static string ToneClass(Tone tone) => tone switch
    {
        Tone.Success => "notice-success",
        Tone.Warning => "notice-warning",
        Tone.Error => "notice-error",
        _ => "notice-info",
    };

    // Said before the notice for screen readers; sighted readers see the colour and the mark.
    private static string ToneWord(Tone tone) => tone switch
    {
        Tone.Success => "Done",
        Tone.Warning => "Warning",
        Tone.Error => "Problem",
        _ => "Note",
    };
}
