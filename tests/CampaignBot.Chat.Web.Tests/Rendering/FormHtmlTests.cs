using CampaignBot.Chat.Web.Rendering;
using CampaignBot.Conversations.Messages;

namespace CampaignBot.Chat.Web.Tests.Rendering;

public sealed class FormHtmlTests
{
    private static readonly ChatForm Basics = new(
        "campaign.wizard", "New campaign", "Next", [new Paragraph("Step 1: name, type and audience.")],
        [
            new TextField { Id = "name", Label = "Campaign name", Initial = "Spring", MaxLength = 80, Placeholder = "e.g. Spring sale 2027" },
            new TextField { Id = "description", Label = "Description", Multiline = true, Optional = true, MaxLength = 500 },
            new ChoiceField { Id = "type", Label = "Type", Initial = ["recurring"], Choices = [new Choice("One-time", "one-time"), new Choice("Recurring", "recurring")] },
            new ChoiceField
            {
                Id = "audience.include", Label = "Include customers in", Multiple = true, SearchSource = "segments", Initial = ["Loyalty members"],
                Choices = [new Choice("Active customers", "Active customers", "Ordered in the last 60 days"), new Choice("Loyalty members", "Loyalty members")],
            },
            new ChoiceField { Id = "channels", Label = "Channels", Multiple = true, Optional = true, Choices = [new Choice("Email", "email"), new Choice("SMS", "sms")], Hint = "Pick any" },
        ],
        "session-1:0:0") { Buttons = [new ChatButton("campaign.wizard.back", "Back", "session-1:0:0")] };

    [Fact]
    public void A_form_carries_its_id_and_state_and_each_field_its_name()
    {
        var html = FormHtml.Form("m3", Basics);

        Assert.StartsWith(
            "<article class=\"card form-card\" id=\"m3\" tabindex=\"-1\" aria-labelledby=\"m3-title\"><form class=\"chat-form\" novalidate data-form-id=\"campaign.wizard\" data-state=\"session-1:0:0\"><h3 id=\"m3-title\">New campaign</h3><p>Step 1: name, type and audience.</p>",
            html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"form-error notice notice-error\" role=\"alert\" hidden></p>", html, StringComparison.Ordinal);
        Assert.EndsWith(
            "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">Next</button><button type=\"button\" class=\"btn\" data-action=\"campaign.wizard.back\" data-value=\"session-1:0:0\">Back</button>"
            + "<button type=\"button\" class=\"btn btn-quiet\" data-dismiss>Close form</button></div></form></article>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_field_has_a_label_its_value_and_an_empty_error_slot_it_is_described_by()
    {
        var html = FormHtml.Form("m3", Basics);

        Assert.Contains(
            "<div class=\"field\" data-field=\"name\"><label for=\"m3-f0\">Campaign name</label>"
            + "<input type=\"text\" id=\"m3-f0\" name=\"name\" aria-describedby=\"m3-f0-error\" aria-required=\"true\" maxlength=\"80\" value=\"Spring\" placeholder=\"e.g. Spring sale 2027\">"
            + "<p class=\"field-error\" id=\"m3-f0-error\" hidden></p></div>",
            html, StringComparison.Ordinal);
        Assert.Contains(
            "<div class=\"field\" data-field=\"description\"><label for=\"m3-f1\">Description <span class=\"optional\">(optional)</span></label>"
            + "<textarea id=\"m3-f1\" name=\"description\" rows=\"3\" aria-describedby=\"m3-f1-error\" maxlength=\"500\"></textarea>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_single_choice_is_a_select_with_its_choice_selected()
    {
        var html = FormHtml.Form("m3", Basics);

        Assert.Contains(
            "<select id=\"m3-f2\" name=\"type\" aria-describedby=\"m3-f2-error\" aria-required=\"true\"><option value=\"one-time\">One-time</option><option value=\"recurring\" selected>Recurring</option></select>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_searchable_choice_has_a_type_ahead_box_over_its_options()
    {
        var html = FormHtml.Form("m3", Basics);

        Assert.Contains("<fieldset class=\"field\" data-field=\"audience.include\" aria-describedby=\"m3-f3-error\"><legend>Include customers in</legend>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<input type=\"search\" class=\"typeahead\" id=\"m3-f3-search\" data-source=\"segments\" data-name=\"audience.include\" data-kind=\"checkbox\" aria-controls=\"m3-f3-options\" autocomplete=\"off\" placeholder=\"Type to search\" aria-label=\"Search: Include customers in\">"
            + "<p class=\"sr\" id=\"m3-f3-matches\" aria-live=\"polite\"></p>",
            html, StringComparison.Ordinal);

        // The chosen one first, then the rest, each with its description.
        Assert.Contains(
            "<div class=\"options\" id=\"m3-f3-options\"><div class=\"option\"><input type=\"checkbox\" id=\"m3-f3-o0\" name=\"audience.include\" value=\"Loyalty members\" checked><label for=\"m3-f3-o0\">Loyalty members</label></div>"
            + "<div class=\"option\"><input type=\"checkbox\" id=\"m3-f3-o1\" name=\"audience.include\" value=\"Active customers\"><label for=\"m3-f3-o1\">Active customers <span class=\"description\">Ordered in the last 60 days</span></label></div></div>",
            html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hint_is_shown_and_read_with_the_field()
    {
        var html = FormHtml.Form("m3", Basics);

        Assert.Contains("<fieldset class=\"field\" data-field=\"channels\" aria-describedby=\"m3-f4-hint m3-f4-error\"><legend>Channels <span class=\"optional\">(optional)</span></legend>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"hint\" id=\"m3-f4-hint\">Pick any</p><p class=\"field-error\" id=\"m3-f4-error\" hidden></p></fieldset>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_searchable_choice_is_a_radio_group()
    {
        var form = new ChatForm("f", "Sub-audience", "Next", [], [new ChoiceField
        {
            Id = "subAudiences[0].segment", Label = "Who is in it", SearchSource = "segments", Initial = ["*"],
            Choices = [new Choice("Everyone else (catch-all)", "*"), new Choice("High CLV", "High CLV")],
        }]);

        var html = FormHtml.Form("m9", form);

        Assert.Contains("data-kind=\"radio\"", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"radio\" id=\"m9-f0-o0\" name=\"subAudiences[0].segment\" value=\"*\" checked>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_searchable_list_shows_the_chosen_and_the_first_others_and_leaves_the_rest_to_search()
    {
        var choices = Enumerable.Range(1, 300).Select(i => new Choice($"Segment {i}", $"s{i}")).ToList();
        var form = new ChatForm("f", "Pick", "Go", [], [new ChoiceField { Id = "pick", Label = "Pick", Multiple = true, SearchSource = "segments", Choices = choices, Initial = ["s250"] }]);

        var html = FormHtml.Form("m1", form);

        Assert.Equal(FormHtml.ShownChoices, html.Split("class=\"option\"").Length - 1);
        Assert.Contains("value=\"s250\" checked", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"s251\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_in_a_form_is_escaped()
    {
        const string hostile = "\"><script>x</script>";
        var form = new ChatForm(hostile, hostile, hostile, [new Paragraph(hostile)],
        [
            new TextField { Id = hostile, Label = hostile, Initial = hostile, Placeholder = hostile, Hint = hostile },
            new TextField { Id = hostile, Label = hostile, Initial = hostile, Multiline = true },
            new ChoiceField { Id = hostile, Label = hostile, Choices = [new Choice(hostile, hostile, hostile)], Initial = [hostile] },
            new ChoiceField { Id = hostile, Label = hostile, Multiple = true, SearchSource = hostile, Choices = [new Choice(hostile, hostile, hostile)] },
        ], hostile) { Buttons = [new ChatButton(hostile, hostile, hostile)] };

        var html = FormHtml.Form("m1", form);

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain(hostile, html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;script&gt;x&lt;/script&gt;", html, StringComparison.Ordinal);
    }
}
