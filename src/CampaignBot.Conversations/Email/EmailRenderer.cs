using System.Globalization;
using System.Text;
using CampaignBot.Conversations.Messages;
using DotLiquid;

namespace CampaignBot.Conversations.Email;

/// <summary>
/// Renders the channel-neutral message as email: a plain text part written here and an HTML part from the
/// message.html.liquid template, where every value is HTML-escaped. Buttons and pickers are left out (mail
/// cannot call back); the caller adds links for what people can do instead.
/// </summary>
public static class EmailRenderer
{
    private static readonly Template Html = LoadTemplate("message.html.liquid");

    public static EmailBody Render(string subject, ChatMessage message, IReadOnlyList<EmailLink> links, string footer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(links);
        var model = Hash.FromDictionary(new Dictionary<string, object>
        {
            ["subject"] = subject,
            ["blocks"] = message.Blocks.Select(Block).OfType<Hash>().ToList(),
            ["links"] = links.Select(l => Hash.FromDictionary(new Dictionary<string, object> { ["label"] = l.Label, ["url"] = l.Url })).ToList(),
            ["footer"] = footer,
        });
        var html = Html.Render(new RenderParameters(CultureInfo.InvariantCulture) { LocalVariables = model, ErrorsOutputMode = ErrorsOutputMode.Rethrow });
        return new EmailBody(Text(message, links, footer), html);
    }

    private static string Text(ChatMessage message, IReadOnlyList<EmailLink> links, string footer)
    {
        var text = new StringBuilder();
        foreach (var block in message.Blocks)
        {
            switch (block)
            {
                case Heading heading:
                    text.AppendLine(heading.Text).AppendLine(new string('=', Math.Min(heading.Text.Length, 72))).AppendLine();
                    break;
                case Paragraph paragraph:
                    text.AppendLine(paragraph.Text).AppendLine();
                    break;
                case Notice notice:
                    text.AppendLine(CultureInfo.InvariantCulture, $"{notice.Tone.ToString().ToUpperInvariant()}: {notice.Text}").AppendLine();
                    break;
                case FactList facts:
                    var width = facts.Facts.Max(f => f.Label.Length) + 1;
                    foreach (var fact in facts.Facts)
                    {
                        text.AppendLine(CultureInfo.InvariantCulture, $"{(fact.Label + ":").PadRight(width)} {fact.Value}");
                    }

                    text.AppendLine();
                    break;
                case BulletList list:
                    foreach (var item in list.Items)
                    {
                        text.AppendLine(CultureInfo.InvariantCulture, $"  - {item}");
                    }

                    text.AppendLine();
                    break;
                case Footnote footnote:
                    text.AppendLine(footnote.Text).AppendLine();
                    break;
                case Divider:
                    text.AppendLine("----").AppendLine();
                    break;
            }
        }

        foreach (var link in links)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{link.Label}: {link.Url}");
        }

        return text.AppendLine().AppendLine("-- ").AppendLine(footer).ToString();
    }

    private static Hash? Block(ChatBlock block) => block switch
    {
        Heading h => Of("heading", ("text", h.Text)),
        Paragraph p => Of("paragraph", ("text", p.Text)),
        Notice n => Of("notice", ("text", n.Text), ("color", Color(n.Tone))),
        FactList f => Of("facts", ("facts", f.Facts.Select(fact => Hash.FromDictionary(new Dictionary<string, object> { ["label"] = fact.Label, ["value"] = fact.Value })).ToList())),
        BulletList b => Of("bullets", ("items", b.Items.ToList())),
        Footnote f => Of("footnote", ("text", f.Text)),
        Divider => Of("divider"),
        _ => null, // Buttons and pickers need a chat to call back into.
    };

    private static Hash Of(string kind, params (string Key, object Value)[] values)
    {
        var hash = new Hash { ["kind"] = kind };
        foreach (var (key, value) in values)
        {
            hash[key] = value;
        }

        return hash;
    }

    private static string Color(Tone tone) => tone switch
    {
        Tone.Success => "#2eb67d",
        Tone.Warning => "#ecb22e",
        Tone.Error => "#e01e5a",
        _ => "#1264a3",
    };

    private static Template LoadTemplate(string name)
    {
        using var stream = typeof(EmailRenderer).Assembly.GetManifestResourceStream($"CampaignBot.Conversations.Email.{name}")
            ?? throw new InvalidOperationException($"The email template {name} is not embedded in {typeof(EmailRenderer).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd());
        template.MakeThreadSafe();
        return template;
    }
}
