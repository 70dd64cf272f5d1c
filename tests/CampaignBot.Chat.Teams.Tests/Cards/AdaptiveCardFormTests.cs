using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Activities;
using CampaignBot.Chat.Teams.Cards;
using CampaignBot.Chat.Teams.Tests.Activities;
using CampaignBot.Conversations.Messages;
using static CampaignBot.Chat.Teams.Tests.Cards.CardJson;

namespace CampaignBot.Chat.Teams.Tests.Cards;

public sealed class AdaptiveCardFormTests
{
    private static JsonObject Input(JsonObject card, string id) => Descendants(card).Single(o => o["id"]?.GetValue<string>() == id && Str(o["type"]).StartsWith("Input.", StringComparison.Ordinal));

    [Fact]
    public void A_text_field_is_a_labelled_input_with_its_limits()
    {
        var card = AdaptiveCardRenderer.Form(SampleMessages.WizardBasics());

        var name = Input(card, "name");
        Assert.Equal(("Input.Text", "Campaign name", 80, false, "e.g. Spring sale 2027", "Spring sale"),
            (Str(name["type"]), Str(name["label"]), name["maxLength"]!.GetValue<int>(), name["isMultiline"]!.GetValue<bool>(), Str(name["placeholder"]), Str(name["value"])));
        Assert.Equal((true, "Campaign name is required."), (name["isRequired"]!.GetValue<bool>(), Str(name["errorMessage"])));
        var description = Input(card, "description");
        Assert.True(description["isMultiline"]!.GetValue<bool>());
        Assert.Null(description["isRequired"]);
        Assert.Contains("Shown to approvers.", Texts(card));
    }

    [Fact]
    public void Choice_fields_are_radio_buttons_menus_or_type_ahead_by_length()
    {
        var card = AdaptiveCardRenderer.Form(SampleMessages.WizardBasics());

        var type = Input(card, "type");
        var include = Input(card, "audience.include");
        var exclude = Input(card, "audience.exclude");
        Assert.Equal(("expanded", false, "one-time"), (Str(type["style"]), type["isMultiSelect"]!.GetValue<bool>(), Str(type["value"])));
        Assert.Equal(("filtered", true, "segments", "segment-3,segment-120"), (Str(include["style"]), include["isMultiSelect"]!.GetValue<bool>(), Str(include["choices.data"]!["dataset"]), Str(include["value"])));
        Assert.Equal(["segment-3", "segment-120"], ((JsonArray)include["choices"]!).Take(2).Select(c => Str(c!["value"])));
        Assert.Equal(("compact", true), (Str(exclude["style"]), exclude["isMultiSelect"]!.GetValue<bool>()));
        Assert.Equal("Choose Type.", Str(type["errorMessage"]));
        Assert.Equal("1.6", Str(card["version"]));
        Assert.Equal("1.5", Str(AdaptiveCardRenderer.Form(SampleMessages.WizardGroups())["version"]));
    }

    [Fact]
    public void The_submit_button_carries_the_form_its_state_and_which_inputs_are_multi_select()
    {
        var card = AdaptiveCardRenderer.Form(SampleMessages.WizardBasics());

        var submit = ((JsonArray)card["actions"]!).Single()!;
        var ours = submit["data"]![CardActionData.Envelope]!;
        Assert.Equal(("Next", CardActionData.SubmitVerb, "positive"), (Str(submit["title"]), Str(submit["verb"]), Str(submit["style"])));
        Assert.Equal(("campaign.wizard", "{\"session\":\"s-1\"}"), (Str(ours[CardActionData.Form]), Str(ours[CardActionData.State])));
        Assert.Equal(["audience.include", "audience.exclude"], ((JsonArray)ours[CardActionData.Multi]!).Select(Str));
    }

    [Fact]
    public void Buttons_in_a_form_do_not_gather_or_validate_its_inputs()
    {
        var card = AdaptiveCardRenderer.Form(SampleMessages.WizardGroups());

        var back = OfType(card, "ActionSet").SelectMany(s => (JsonArray)s["actions"]!).Single()!;
        Assert.Equal(("wizard.back", "none"), (Str(back["verb"]), Str(back["associatedInputs"])));
    }

    [Fact]
    public void Field_errors_show_under_their_field_and_the_rest_at_the_top_keeping_what_was_typed()
    {
        var card = AdaptiveCardRenderer.Form(SampleMessages.WizardBasics(), SampleMessages.BasicsErrors, SampleMessages.BasicsEntered);

        var body = Body(card).Select(e => e!.AsObject()).ToList();
        var nameAt = body.FindIndex(e => e["id"]?.GetValue<string>() == "name");
        Assert.Equal("❌ A campaign called \"Spring sale\" already exists.", Texts(body[nameAt + 1])[0]);
        Assert.Equal("Attention", Str(body[nameAt + 1]["inlines"]![0]!["color"]));
        var includeAt = body.FindIndex(e => e["id"]?.GetValue<string>() == "audience.include");
        Assert.Equal("❌ Choose at least one segment.", Texts(body[includeAt + 1])[0]);
        Assert.Equal("❌ The schedule is in the past.", Texts(body[1])[0]);
        Assert.Equal(SampleMessages.HostileName[..80], Str(Input(card, "name")["value"]));
        Assert.Equal("recurring", Str(Input(card, "type")["value"]));
        Assert.Equal("segment-2,segment-5", Str(Input(card, "audience.exclude")["value"]));
    }

    [Fact]
    public void A_forms_own_buttons_gather_its_values_so_teams_never_asks_for_a_required_field_before_back()
    {
        var card = AdaptiveCardRenderer.Form(SampleMessages.WizardReview());

        var actions = ((JsonArray)card["actions"]!).Select(a => a!.AsObject()).ToList();
        var back = actions.Single(a => Str(a["verb"]) == "campaign.wizard.back");
        var ours = back["data"]![CardActionData.Envelope]!;
        Assert.Equal(AdaptiveCardLimits.MaxActionsPerSet, actions.Count);
        Assert.Equal(CardActionData.SubmitVerb, Str(actions[0]["verb"]));
        Assert.Null(back["associatedInputs"]);
        Assert.Equal(("campaign.wizard", "s-1:5:0", "s-1:5:0"), (Str(ours[CardActionData.Form]), Str(ours[CardActionData.State]), Str(ours[CardActionData.Value])));
        Assert.Null(Input(card, "note")["isRequired"]);
        Assert.Single(OfType(card, "ActionSet"));
        Assert.Empty(AdaptiveCardLimits.Check(card));
    }

    [Fact]
    public void A_forms_back_button_parses_into_a_click_with_the_form_as_it_stands()
    {
        var card = AdaptiveCardRenderer.Form(SampleMessages.WizardReview());
        var back = ((JsonArray)card["actions"]!).Single(a => Str(a!["verb"]) == "campaign.wizard.back")!;
        var data = back["data"]!.DeepClone().AsObject();
        data["note"] = "Half typed";

        var parsed = TeamsActivityParser.Parse(ActivityJson.CardAction("campaign.wizard.back", data).ToJsonString());

        var action = Assert.IsType<TeamsCardAction>(Assert.IsType<TeamsParseResult.Parsed>(parsed).Activity);
        Assert.Equal(("campaign.wizard.back", "s-1:5:0", "s-1:5:0", "Half typed"), (action.Verb, action.Value, action.Form!.State, action.Form.Text("note")));
    }

    [Fact]
    public void The_shared_view_of_a_card_only_some_may_act_on_has_no_buttons_and_refreshes_for_them()
    {
        var pending = SampleMessages.ApprovalPending() with { ActableBy = ["omar", "ada"] };

        var shared = ActableViews.SharedCard(pending, ["29:1omar", "29:1omar", .. Enumerable.Range(0, 70).Select(i => $"29:{i}")]);

        Assert.DoesNotContain(OfType(shared, "Action.Execute"), a => !ReferenceEquals(a, shared["refresh"]!["action"]));
        Assert.Equal(ActableViews.RefreshVerb, Str(shared["refresh"]!["action"]!["verb"]));
        Assert.Equal(AdaptiveCardRenderer.MaxRefreshUsers, ((JsonArray)shared["refresh"]!["userIds"]!).Count);
        Assert.Contains(ActableViews.SharedNote, Texts(shared));
        Assert.Empty(AdaptiveCardLimits.Check(shared));
    }

    [Fact]
    public void A_field_named_like_the_reserved_data_key_is_refused()
    {
        var form = new ChatForm("f", "T", "Go", [], [new TextField { Id = CardActionData.Envelope, Label = "x" }]);

        Assert.Throws<ArgumentException>(() => AdaptiveCardRenderer.Form(form));
    }

    [Fact]
    public void A_long_list_without_a_search_source_is_refused()
    {
        var form = new ChatForm("f", "T", "Go", [], [new ChoiceField { Id = "s", Label = "Segment", Choices = SampleMessages.Segments(101) }]);

        Assert.Throws<ArgumentException>(() => AdaptiveCardRenderer.Form(form));
    }

    [Fact]
    public void What_a_submitted_card_sends_back_parses_into_the_same_form_submission()
    {
        var card = AdaptiveCardRenderer.Form(SampleMessages.WizardBasics());
        var submit = ((JsonArray)card["actions"]!).Single()!;
        // What Teams does on submit: the action's data with each input's value merged in under the input's id.
        var data = submit["data"]!.DeepClone().AsObject();
        data["name"] = "Summer, sun & sea";
        data["type"] = "recurring";
        data["audience.include"] = "segment-3,segment-120";
        data["audience.exclude"] = "";

        var parsed = TeamsActivityParser.Parse(ActivityJson.CardAction(Str(submit["verb"]), data).ToJsonString());

        var form = Assert.IsType<TeamsCardAction>(Assert.IsType<TeamsParseResult.Parsed>(parsed).Activity).Form!;
        Assert.Equal(("campaign.wizard", "{\"session\":\"s-1\"}"), (form.FormId, form.State));
        Assert.Equal("Summer, sun & sea", form.Text("name"));
        Assert.Equal(["segment-3", "segment-120"], form.All("audience.include"));
        Assert.Empty(form.All("audience.exclude"));
    }

    [Fact]
    public void What_a_clicked_button_sends_back_parses_into_its_verb_and_value()
    {
        var card = AdaptiveCardRenderer.Message(SampleMessages.Alert());
        var mute = OfType(card, "Action.Execute").Last();

        var parsed = TeamsActivityParser.Parse(ActivityJson.CardAction(Str(mute["verb"]), mute["data"]!.DeepClone().AsObject()).ToJsonString());

        var action = Assert.IsType<TeamsCardAction>(Assert.IsType<TeamsParseResult.Parsed>(parsed).Activity);
        Assert.Equal(("alert.mute", "a-3|24"), (action.Verb, action.Value));
    }
}
