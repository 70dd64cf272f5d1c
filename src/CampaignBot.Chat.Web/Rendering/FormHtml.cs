using System.Globalization;
using System.Text;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Web.Rendering;

/// <summary>
/// A <see cref="ChatForm"/> as an HTML form inside the conversation. Inputs are named by the field ids, so the
/// page's script sends the values back keyed as the core expects and places each field error beside its field
/// (every field has an empty error slot named in its <c>aria-describedby</c>). Pure.
/// </summary>
public static class FormHtml
{
    /// <summary>Choices shown at once in a searchable list; the rest are found by typing.</summary>
    public const int ShownChoices = 50;

    public static string Form(string id, ChatForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var html = new StringBuilder();
        var safeId = HtmlText.Escape(id);
        html.Append("<article class=\"card form-card\" id=\"").Append(safeId).Append("\" tabindex=\"-1\" aria-labelledby=\"").Append(safeId).Append("-title\">")
            .Append("<form class=\"chat-form\" novalidate data-form-id=\"").Append(HtmlText.Escape(form.FormId))
            .Append("\" data-state=\"").Append(HtmlText.Escape(form.State)).Append("\">")
            .Append("<h3 id=\"").Append(safeId).Append("-title\">").Append(HtmlText.Escape(form.Title)).Append("</h3>");
        ChatHtml.Blocks(html, id, form.Intro);
        html.Append("<p class=\"form-error notice notice-error\" role=\"alert\" hidden></p>");
        for (var i = 0; i < form.Fields.Count; i++)
        {
            Field(html, $"{id}-f{i.ToString(CultureInfo.InvariantCulture)}", form.Fields[i]);
        }

        html.Append("<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">").Append(HtmlText.Escape(form.SubmitLabel)).Append("</button>");
        ChatHtml.ButtonElements(html, form.Buttons);
        html.Append("<button type=\"button\" class=\"btn btn-quiet\" data-dismiss>Close form</button></div>");
        return html.Append("</form></article>").ToString();
    }

    private static void Field(StringBuilder html, string id, FormField field)
    {
        switch (field)
        {
            case TextField text:
                TextInput(html, id, text);
                break;
            case ChoiceField { Multiple: false, SearchSource: null } choice:
                Select(html, id, choice);
                break;
            case ChoiceField choice:
                Options(html, id, choice);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.GetType().Name, "No HTML for this field kind.");
        }
    }

    private static void TextInput(StringBuilder html, string id, TextField text)
    {
        var safeId = HtmlText.Escape(id);
        Open(html, "div", text);
        Label(html, safeId, text);
        var described = Described(safeId, text);
        if (text.Multiline)
        {
            html.Append("<textarea id=\"").Append(safeId).Append("\" name=\"").Append(HtmlText.Escape(text.Id)).Append("\" rows=\"3\"");
            Common(html, text, described);
            html.Append(MaxLength(text)).Append('>').Append(HtmlText.Escape(text.Initial)).Append("</textarea>");
        }
        else
        {
            html.Append("<input type=\"text\" id=\"").Append(safeId).Append("\" name=\"").Append(HtmlText.Escape(text.Id)).Append('"');
            Common(html, text, described);
            html.Append(MaxLength(text)).Append(" value=\"").Append(HtmlText.Escape(text.Initial)).Append('"');
            if (text.Placeholder is { Length: > 0 } placeholder)
            {
                html.Append(" placeholder=\"").Append(HtmlText.Escape(placeholder)).Append('"');
            }

            html.Append('>');
        }

        Close(html, safeId, text, "div");
    }

    private static void Select(StringBuilder html, string id, ChoiceField choice)
    {
        var safeId = HtmlText.Escape(id);
        Open(html, "div", choice);
        Label(html, safeId, choice);
        html.Append("<select id=\"").Append(safeId).Append("\" name=\"").Append(HtmlText.Escape(choice.Id)).Append('"');
        Common(html, choice, Described(safeId, choice));
        html.Append('>');
        if (choice.Optional || !choice.Choices.Any(c => choice.Initial.Contains(c.Value, StringComparer.Ordinal)))
        {
            html.Append("<option value=\"\">").Append(choice.Optional ? "None" : "Choose…").Append("</option>");
        }

        foreach (var option in choice.Choices)
        {
            html.Append("<option value=\"").Append(HtmlText.Escape(option.Value)).Append('"')
                .Append(choice.Initial.Contains(option.Value, StringComparer.Ordinal) ? " selected" : "").Append('>')
                .Append(HtmlText.Escape(option.Description is { Length: > 0 } d ? $"{option.Label} — {d}" : option.Label)).Append("</option>");
        }

        html.Append("</select>");
        Close(html, safeId, choice, "div");
    }

    /// <summary>Checkboxes (several) or radio buttons (one), with a type-ahead search box when the core names a search source.</summary>
    private static void Options(StringBuilder html, string id, ChoiceField choice)
    {
        var safeId = HtmlText.Escape(id);
        Open(html, "fieldset", choice);
        html.Append(" aria-describedby=\"").Append(Described(safeId, choice)).Append("\"");
        html.Append('>');
        html.Append("<legend>").Append(HtmlText.Escape(choice.Label)).Append(choice.Optional ? " <span class=\"optional\">(optional)</span>" : "").Append("</legend>");
        var kind = choice.Multiple ? "checkbox" : "radio";
        if (choice.SearchSource is { } source)
        {
            html.Append("<input type=\"search\" class=\"typeahead\" id=\"").Append(safeId).Append("-search\" data-source=\"").Append(HtmlText.Escape(source))
                .Append("\" data-name=\"").Append(HtmlText.Escape(choice.Id)).Append("\" data-kind=\"").Append(kind)
                .Append("\" aria-controls=\"").Append(safeId).Append("-options\" autocomplete=\"off\" placeholder=\"Type to search\" aria-label=\"Search: ")
                .Append(HtmlText.Escape(choice.Label)).Append("\">")
                .Append("<p class=\"sr\" id=\"").Append(safeId).Append("-matches\" aria-live=\"polite\"></p>");
        }

        // The chosen ones first, so a long list cut short never hides what is already picked.
        var shown = choice.SearchSource is null
            ? choice.Choices
            : [.. choice.Choices.OrderBy(c => !choice.Initial.Contains(c.Value, StringComparer.Ordinal)).Take(Math.Max(ShownChoices, choice.Initial.Count))];
        html.Append("<div class=\"options\" id=\"").Append(safeId).Append("-options\">");
        for (var i = 0; i < shown.Count; i++)
        {
            var option = shown[i];
            var optionId = $"{safeId}-o{i.ToString(CultureInfo.InvariantCulture)}";
            html.Append("<div class=\"option\"><input type=\"").Append(kind).Append("\" id=\"").Append(optionId).Append("\" name=\"").Append(HtmlText.Escape(choice.Id))
                .Append("\" value=\"").Append(HtmlText.Escape(option.Value)).Append('"')
                .Append(choice.Initial.Contains(option.Value, StringComparer.Ordinal) ? " checked" : "").Append('>')
                .Append("<label for=\"").Append(optionId).Append("\">").Append(HtmlText.Escape(option.Label));
            if (option.Description is { Length: > 0 } description)
            {
                html.Append(" <span class=\"description\">").Append(HtmlText.Escape(description)).Append("</span>");
            }

            html.Append("</label></div>");
        }

        html.Append("</div>");
        Close(html, safeId, choice, "fieldset");
    }

    private static void Open(StringBuilder html, string element, FormField field) =>
        html.Append('<').Append(element).Append(" class=\"field\" data-field=\"").Append(HtmlText.Escape(field.Id)).Append('"').Append(element == "div" ? ">" : "");

    private static void Label(StringBuilder html, string safeId, FormField field) =>
        html.Append("<label for=\"").Append(safeId).Append("\">").Append(HtmlText.Escape(field.Label))
            .Append(field.Optional ? " <span class=\"optional\">(optional)</span>" : "").Append("</label>");

    private static void Common(StringBuilder html, FormField field, string described)
    {
        html.Append(" aria-describedby=\"").Append(described).Append('"');
        if (!field.Optional)
        {
            html.Append(" aria-required=\"true\"");
        }
    }

    private static string MaxLength(TextField text) => $" maxlength=\"{text.MaxLength.ToString(CultureInfo.InvariantCulture)}\"";

    private static string Described(string safeId, FormField field) => field.Hint is { Length: > 0 } ? $"{safeId}-hint {safeId}-error" : $"{safeId}-error";

    private static void Close(StringBuilder html, string safeId, FormField field, string element)
    {
        if (field.Hint is { Length: > 0 } hint)
        {
            html.Append("<p class=\"hint\" id=\"").Append(safeId).Append("-hint\">").Append(HtmlText.Inline(hint)).Append("</p>");
        }

        html.Append("<p class=\"field-error\" id=\"").Append(safeId).Append("-error\" hidden></p></").Append(element).Append('>');
    }
}
