using CampaignBot.Chat.Web.Rendering;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Web.Tests.Rendering;

public sealed class ChatHtmlTests
{
    private const string Hostile = "<script>alert(\"x\")</script> & 'quoted'";

    [Fact]
    public void Every_block_kind_renders_to_its_element()
    {
        var message = new ChatMessage("Spring sale", [
            new Heading("Spring sale"),
            new Paragraph("Draft, one-time."),
            new FactList([new Fact("Included", "12.3 thousand"), new Fact("Audience", "9.9 thousand")]),
            new BulletList(["Email A (45%): 4.4 thousand", "    → outbox: 4.4 thousand deliverable"]),
            new Notice("Recipient 1 is a default group name.", Tone.Warning),
            new Footnote("Created by maya"),
            new Divider(),
            new ActionRow([new ChatButton("campaign.preview", "Preview", "42")]),
            new Picker("campaign.show", "Pick a campaign", [new Choice("Spring sale", "42")]),
        ]);

        var html = ChatHtml.Message("m7", message);

        Assert.StartsWith("<article class=\"card\" id=\"m7\" tabindex=\"-1\" aria-label=\"Spring sale\">", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Spring sale</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Draft, one-time.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<dl class=\"facts\"><div><dt>Included</dt><dd>12.3 thousand</dd></div><div><dt>Audience</dt><dd>9.9 thousand</dd></div></dl>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Email A (45%): 4.4 thousand</li><li class=\"nested\">→ outbox: 4.4 thousand deliverable</li>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"notice notice-warning\"><span class=\"sr\">Warning: </span>Recipient 1 is a default group name.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"footnote\"><small>Created by maya</small></p>", html, StringComparison.Ordinal);
        Assert.Contains("<hr>", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"button\" class=\"btn\" data-action=\"campaign.preview\" data-value=\"42\">Preview</button>", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"m7-b8\">Pick a campaign</label><select id=\"m7-b8\"><option value=\"42\">Spring sale</option></select>", html, StringComparison.Ordinal);
        Assert.Contains("data-action=\"campaign.show\" data-value-from=\"m7-b8\">Choose</button>", html, StringComparison.Ordinal);
        Assert.EndsWith("</article>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_tone_is_marked_for_sight_and_for_screen_readers()
    {
        var html = ChatHtml.Message("m1", new ChatMessage("tones", [
            new Notice("a", Tone.Info), new Notice("b", Tone.Success), new Notice("c", Tone.Warning), new Notice("d", Tone.Error),
        ]));

        Assert.Contains("notice-info\"><span class=\"sr\">Note: </span>a", html, StringComparison.Ordinal);
        Assert.Contains("notice-success\"><span class=\"sr\">Done: </span>b", html, StringComparison.Ordinal);
        Assert.Contains("notice-warning\"><span class=\"sr\">Warning: </span>c", html, StringComparison.Ordinal);
        Assert.Contains("notice-error\"><span class=\"sr\">Problem: </span>d", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Buttons_carry_their_style_and_confirmation()
    {
        var html = ChatHtml.Message("m2", new ChatMessage("approve", [new ActionRow([
            new ChatButton("campaign.approve", "Approve", "c1", ButtonStyle.Primary, new Confirmation("Approve this campaign?", "It goes to 9,900 people.", "Approve", "Not yet")),
            new ChatButton("campaign.reject", "Reject", "c1", ButtonStyle.Danger),
        ])]));

        Assert.Contains(
            "<button type=\"button\" class=\"btn btn-primary\" data-action=\"campaign.approve\" data-value=\"c1\" data-confirm-title=\"Approve this campaign?\" "
            + "data-confirm-text=\"It goes to 9,900 people.\" data-confirm-yes=\"Approve\" data-confirm-no=\"Not yet\">Approve</button>",
            html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"button\" class=\"btn btn-danger\" data-action=\"campaign.reject\" data-value=\"c1\">Reject</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_people_is_escaped_in_every_block_and_attribute()
    {
        var message = new ChatMessage(Hostile, [
            new Heading(Hostile),
            new Paragraph(Hostile),
            new FactList([new Fact(Hostile, Hostile)]),
            new BulletList([Hostile]),
            new Notice(Hostile, Tone.Error),
            new Footnote(Hostile),
            new ActionRow([new ChatButton(Hostile, Hostile, Hostile, ButtonStyle.Default, new Confirmation(Hostile, Hostile, Hostile, Hostile))]),
            new Picker(Hostile, Hostile, [new Choice(Hostile, Hostile)]),
        ]);

        var html = ChatHtml.Message("m3", message, context: Hostile);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"x\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("'quoted'", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_words_show_as_code_and_urls_as_links_both_escaped()
    {
        var html = ChatHtml.Message("m4", ChatMessage.Plain("Type `show <b>` or see https://example.com/runs/1?a=1&b=2. A lone ` stays"));

        Assert.Contains(
            "<p>Type <code>show &lt;b&gt;</code> or see <a href=\"https://example.com/runs/1?a=1&amp;b=2\" rel=\"noreferrer\">https://example.com/runs/1?a=1&amp;b=2</a>. A lone ` stays</p>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_http_links_become_links()
    {
        var html = ChatHtml.Message("m5", ChatMessage.Plain("javascript:alert(1) and data:text/html,x"));

        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notice_says_where_it_comes_from()
    {
        var html = ChatHtml.Message("m6", ChatMessage.Plain("Run started"), context: "Reply to: Approval needed: Spring sale");

        Assert.Contains("<p class=\"context\">Reply to: Approval needed: Spring sale</p><p>Run started</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_reader_said_is_escaped_and_labelled()
    {
        Assert.Equal(
            "<article class=\"card said\" id=\"said-k1\" tabindex=\"-1\"><p><span class=\"sr\">You said: </span>show &lt;img src=x&gt;</p></article>",
            ChatHtml.Said("said-k1", "show <img src=x>"));
    }
}
