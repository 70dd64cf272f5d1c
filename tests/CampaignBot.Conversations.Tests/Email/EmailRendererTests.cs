using CampaignBot.Conversations.Email;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Slack.Tests.Email;

public sealed class EmailRendererTests
{
    private static readonly ChatMessage Message = new("summary",
    [
        new Heading("Delivery failing: <Spring> & sale"),
        new Notice("Klaviyo refused the key.", Tone.Error),
        new FactList([new Fact("Campaign", "<Spring> & sale"), new Fact("Delivered", "0 of 45,000 rows")]),
        new Paragraph("What to do:"),
        new BulletList(["Create a new key", "Press Retry"]),
        new Footnote("Run r-1"),
        new Divider(),
        new ActionRow([new ChatButton("alert.retry", "Retry", "id")]),
    ]);

    [Fact]
    public void The_html_part_escapes_every_value_and_leaves_out_the_buttons()
    {
        var body = EmailRenderer.Render("Subject <b>", Message, [new EmailLink("Open the run", "https://cb.example.com/api/runs/r-1?a=1&b=2")], "Sent by CampaignBot");

        Assert.Contains("<h2 style=\"margin:0 0 12px;font-size:20px;\">Delivery failing: &lt;Spring&gt; &amp; sale</h2>", body.Html);
        Assert.Contains("<title>Subject &lt;b&gt;</title>", body.Html);
        Assert.Contains(">Create a new key</li>", body.Html);
        Assert.Contains("border-left:4px solid #e01e5a", body.Html);
        Assert.Contains("href=\"https://cb.example.com/api/runs/r-1?a=1&amp;b=2\"", body.Html);
        Assert.DoesNotContain("<Spring>", body.Html);
        Assert.DoesNotContain("alert.retry", body.Html);
        Assert.DoesNotContain(">Retry<", body.Html);
    }

    [Fact]
    public void The_text_part_says_the_same_in_plain_lines()
    {
        var body = EmailRenderer.Render("Subject", Message, [new EmailLink("Open the run", "https://cb.example.com/api/runs/r-1")], "Sent by CampaignBot");

        Assert.StartsWith("Delivery failing: <Spring> & sale\n" + new string('=', 33) + "\n", body.Text.ReplaceLineEndings("\n"));
        Assert.Contains("ERROR: Klaviyo refused the key.", body.Text);
        Assert.Contains("Campaign:  <Spring> & sale", body.Text);
        Assert.Contains("Delivered: 0 of 45,000 rows", body.Text);
        Assert.Contains("  - Press Retry", body.Text);
        Assert.Contains("Open the run: https://cb.example.com/api/runs/r-1", body.Text);
        Assert.EndsWith("-- \nSent by CampaignBot\n", body.Text.ReplaceLineEndings("\n"));
    }
}
