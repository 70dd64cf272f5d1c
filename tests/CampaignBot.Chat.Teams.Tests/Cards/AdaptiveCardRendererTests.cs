using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Conversations.Messages;
using static CampaignBot.Chat.Teams.Tests.Cards.CardJson;

namespace CampaignBot.Chat.Teams.Tests.Cards;

public sealed class AdaptiveCardRendererTests
{
    private static JsonObject Render(params ChatBlock[] blocks) => AdaptiveCardRenderer.Message(new ChatMessage("summary", blocks));

    [Fact]
    public void A_message_is_a_version_1_5_card_with_its_summary_as_fallback()
    {
        var card = Render(new Paragraph("hi"));

        Assert.Equal(("AdaptiveCard", "1.5", "summary", AdaptiveCardRenderer.Schema), (Str(card["type"]), Str(card["version"]), Str(card["fallbackText"]), Str(card["$schema"])));
    }

    [Fact]
    public void Every_block_kind_becomes_its_card_element()
    {
        var card = Render(
            new Heading("Title"),
            new Paragraph("One\nTwo"),
            new FactList([new Fact("Audience", "1.2 million")]),
            new BulletList(["a", "b"]),
            new Notice("Careful", Tone.Warning),
            new Footnote("small print"),
            new Divider(),
            new ActionRow([new ChatButton("x.go", "Go", "1")]),
            new Picker("x.pick", "Pick one", [new Choice("A", "a")]));

        Assert.Equal(
            ["RichTextBlock", "RichTextBlock", "RichTextBlock", "ColumnSet", "RichTextBlock", "RichTextBlock", "Container", "RichTextBlock", "ActionSet", "Input.ChoiceSet", "ActionSet"],
            Body(card).Select(e => Str(e!["type"])));
        Assert.Equal(["Title", "One", "Two", "Audience", "1.2 million", "• a", "• b", "⚠️ Careful", "small print"], Texts(card));
        Assert.Equal(("Large", "Bolder"), (Str(Body(card)[0]!["inlines"]![0]!["size"]), Str(Body(card)[0]!["inlines"]![0]!["weight"])));
        Assert.True(Body(card)[8]!["separator"]!.GetValue<bool>());
    }

    [Fact]
    public void User_text_is_never_read_as_markdown()
    {
        // TextBlock and FactSet read markdown; TextRun never does.
        Assert.All(SampleCards.All(), sample => Assert.Empty(OfType(sample.Card, "TextBlock").Concat(OfType(sample.Card, "FactSet"))));

        var summary = AdaptiveCardRenderer.Message(SampleMessages.CampaignSummary());
        Assert.Equal(SampleMessages.HostileName, Texts(summary)[0]);
        Assert.Contains($"\"{SampleMessages.HostileName}\" will not run again. This cannot be undone.", Texts(summary));
    }

    [Theory]
    [InlineData(Tone.Info, "emphasis", "Accent", "ℹ️")]
    [InlineData(Tone.Success, "good", "Good", "✅")]
    [InlineData(Tone.Warning, "warning", "Warning", "⚠️")]
    [InlineData(Tone.Error, "attention", "Attention", "❌")]
    public void A_notice_is_coloured_by_its_tone(Tone tone, string style, string color, string icon)
    {
        var notice = Body(Render(new Notice("Text", tone)))[0]!;
        var run = notice["items"]![0]!["inlines"]![0]!;

        Assert.Equal((style, color, $"{icon} Text"), (Str(notice["style"]), Str(run["color"]), Str(run["text"])));
    }

    [Fact]
    public void A_button_is_an_action_execute_with_its_action_id_as_verb_and_its_value_in_data()
    {
        var card = Render(new ActionRow([new ChatButton("campaign.submit", "Submit", "c-42", ButtonStyle.Primary), new ChatButton("campaign.cancel", "Cancel", "c-42", ButtonStyle.Danger), new ChatButton("campaign.show", "Show", "c-42")]));

        var actions = OfType(card, "Action.Execute").ToList();
        Assert.Equal(["campaign.submit", "campaign.cancel", "campaign.show"], actions.Select(a => Str(a["verb"])));
        Assert.All(actions, a => Assert.Equal("c-42", Str(a["data"]![CardActionData.Envelope]![CardActionData.Value])));
        Assert.Equal(["positive", "destructive", null], actions.Select(a => a["style"]?.GetValue<string>()));
        Assert.All(actions, a => Assert.Null(a["associatedInputs"]));
    }

    [Fact]
    public void More_buttons_than_fit_a_row_go_on_to_the_next_row()
    {
        var buttons = Enumerable.Range(1, 8).Select(i => new ChatButton("x", $"B{i}", $"{i}")).ToList();

        Assert.Equal([5, 3], OfType(Render(new ActionRow(buttons)), "ActionSet").Select(s => ((JsonArray)s["actions"]!).Count));
    }

    [Fact]
    public void A_confirming_button_reveals_a_hidden_question_whose_confirm_sends_and_whose_deny_hides_it()
    {
        var card = Render(new ActionRow([new ChatButton("campaign.approve", "Approve", "c-42", ButtonStyle.Primary, new Confirmation("Approve this campaign?", "It goes to 1.2 million people.", "Approve", "Not yet"))]));

        var row = Body(card)[0]!;
        var panel = Body(card)[1]!;
        var reveal = row["actions"]![0]!;
        var panelId = Str(panel["id"]);
        Assert.Equal(("Action.ToggleVisibility", "Approve", panelId, true), (Str(reveal["type"]), Str(reveal["title"]), Str(reveal["targetElements"]![0]!["elementId"]), reveal["targetElements"]![0]!["isVisible"]!.GetValue<bool>()));
        Assert.False(panel["isVisible"]!.GetValue<bool>());
        Assert.Equal(["Approve this campaign?", "It goes to 1.2 million people."], Texts(panel));
        var confirm = Assert.Single(OfType(panel, "Action.Execute"));
        Assert.Equal(("Approve", "campaign.approve", "c-42", "positive"), (Str(confirm["title"]), Str(confirm["verb"]), Str(confirm["data"]![CardActionData.Envelope]![CardActionData.Value]), Str(confirm["style"])));
        var deny = Assert.Single(OfType(panel, "Action.ToggleVisibility"));
        Assert.Equal(("Not yet", panelId, false), (Str(deny["title"]), Str(deny["targetElements"]![0]!["elementId"]), deny["targetElements"]![0]!["isVisible"]!.GetValue<bool>()));
        Assert.Empty(OfType(row, "Action.Execute"));
    }

    [Fact]
    public void Two_confirming_buttons_of_one_action_get_their_own_panels()
    {
        var confirm = new Confirmation("Sure?", "Really.", "Yes", "No");
        var card = Render(new ActionRow([new ChatButton("alert.mute", "Mute 4 h", "a|4", Confirm: confirm), new ChatButton("alert.mute", "Mute 24 h", "a|24", Confirm: confirm)]));

        var panels = OfType(card, "Container").Select(c => Str(c["id"])).ToList();
        Assert.Equal(["confirm.alert.mute", "confirm.alert.mute#2"], panels);
        Assert.Equal(["a|4", "a|24"], OfType(card, "Action.Execute").Select(a => Str(a["data"]![CardActionData.Envelope]![CardActionData.Value])));
    }

    [Fact]
    public void A_picker_is_a_menu_with_a_choose_button_that_names_it()
    {
        var card = Render(new Picker("segment.show", "Choose a segment", SampleMessages.Segments(8)), new Picker("segment.show", "Again", SampleMessages.Segments(3)));

        var menus = OfType(card, "Input.ChoiceSet").ToList();
        Assert.Equal(["segment.show", "segment.show#2"], menus.Select(m => Str(m["id"])));
        Assert.Equal(("compact", "Choose a segment", 8), (Str(menus[0]["style"]), Str(menus[0]["placeholder"]), ((JsonArray)menus[0]["choices"]!).Count));
        Assert.Equal("Segment 003 — 3000 customers", Str(menus[0]["choices"]![2]!["title"]));
        var buttons = OfType(card, "Action.Execute").ToList();
        Assert.Equal(["segment.show", "segment.show#2"], buttons.Select(b => Str(b["data"]![CardActionData.Envelope]![CardActionData.Input])));
        Assert.All(buttons, b => Assert.Equal("segment.show", Str(b["verb"])));
    }

    [Fact]
    public void A_long_list_becomes_type_ahead_on_a_version_1_6_card()
    {
        var card = Render(new Picker("segment.show", "Search segments", SampleMessages.Segments(150)));

        var menu = Assert.Single(OfType(card, "Input.ChoiceSet"));
        Assert.Equal(("1.6", "filtered", "Data.Query", "segment.show"), (Str(card["version"]), Str(menu["style"]), Str(menu["choices.data"]!["type"]), Str(menu["choices.data"]!["dataset"])));
        Assert.Equal(15, ((JsonArray)menu["choices"]!).Count);
    }

    [Fact]
    public void The_same_message_always_renders_the_same_json()
    {
        Assert.Equal(AdaptiveCardRenderer.Message(SampleMessages.Alert()).ToJsonString(), AdaptiveCardRenderer.Message(SampleMessages.Alert()).ToJsonString());
    }

    [Fact]
    public void An_oversized_message_drops_its_last_plain_parts_but_keeps_its_buttons()
    {
        var card = AdaptiveCardRenderer.Message(SampleCards.Oversized());

        Assert.True(AdaptiveCardRenderer.Size(card) <= AdaptiveCardLimits.MaxCardBytes, $"{AdaptiveCardRenderer.Size(card)} bytes");
        Assert.Single(OfType(card, "Action.Execute"));
        Assert.Matches(@"^\d+ more parts not shown here", Texts(card)[^1]);
        Assert.Equal("Why Spring sale has these counts", Texts(card)[0]);
    }

    [Fact]
    public void Refresh_makes_the_card_run_a_verb_for_the_listed_users_only()
    {
        var status = Render(new Paragraph("Waiting for an approver."));

        var card = AdaptiveCardRenderer.WithRefresh(status, "campaign.approval.view", "c-42", ["29:1omar", "29:1ada"]);

        var action = card["refresh"]!["action"]!;
        Assert.Equal(("Action.Execute", "campaign.approval.view", "c-42"), (Str(action["type"]), Str(action["verb"]), Str(action["data"]![CardActionData.Envelope]![CardActionData.Value])));
        Assert.Equal(["29:1omar", "29:1ada"], ((JsonArray)card["refresh"]!["userIds"]!).Select(Str));
        Assert.Null(status["refresh"]);
        Assert.Equal("1.5", Str(card["version"]));
    }

    [Fact]
    public void Refresh_for_more_than_sixty_users_is_refused()
    {
        var users = Enumerable.Range(0, 61).Select(i => $"29:{i}").ToList();

        Assert.Throws<ArgumentException>(() => AdaptiveCardRenderer.WithRefresh(Render(new Paragraph("x")), "v", "1", users));
    }

    [Fact]
    public void An_attachment_wraps_the_card_with_the_adaptive_card_content_type()
    {
        var attachment = AdaptiveCardRenderer.Attachment(Render(new Paragraph("x")));

        Assert.Equal("application/vnd.microsoft.card.adaptive", Str(attachment["contentType"]));
        Assert.Equal("AdaptiveCard", Str(attachment["content"]!["type"]));
    }
}
