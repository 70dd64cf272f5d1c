using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Cards;

namespace CampaignBot.Chat.Teams.Tests.Cards;

public sealed class AdaptiveCardLimitsTests
{
    private static JsonObject Card(string version, params JsonNode[] body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["version"] = version,
        ["body"] = new JsonArray(body),
    };

    private static JsonObject Card(params JsonNode[] body) => Card("1.5", body);

    private static JsonObject Execute(string? verb = "go") => new() { ["type"] = "Action.Execute", ["title"] = "Go", ["verb"] = verb };

    private static JsonObject ActionSet(params JsonNode[] actions) => new() { ["type"] = "ActionSet", ["actions"] = new JsonArray(actions) };

    private static JsonObject Choices(string id, params string[] values) => new()
    {
        ["type"] = "Input.ChoiceSet",
        ["id"] = id,
        ["isMultiSelect"] = true,
        ["choices"] = new JsonArray([.. values.Select(v => (JsonNode?)new JsonObject { ["title"] = v, ["value"] = v })]),
    };

    private static void AssertViolation(JsonObject card, string path, string ruleStart)
    {
        var violations = AdaptiveCardLimits.Check(card);
        Assert.Contains(violations, v => v.Path == path && v.Rule.StartsWith(ruleStart, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_card_the_renderer_makes_keeps_every_rule()
    {
        Assert.All(SampleCards.All(), sample => Assert.Empty(AdaptiveCardLimits.Check(sample.Card)));
    }

    [Fact]
    public void A_card_over_28_kb_is_too_big()
    {
        var text = new string('x', AdaptiveCardLimits.MaxCardBytes);

        AssertViolation(Card(new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(text) }), "$", "the card is");
    }

    [Theory]
    [InlineData("1.6")]
    [InlineData("1.4")]
    [InlineData(null)]
    public void A_card_without_type_ahead_must_say_version_1_5(string? version)
    {
        AssertViolation(Card(version!, ActionSet(Execute())), "$.version", "must be version 1.5");
    }

    [Fact]
    public void Type_ahead_needs_version_1_6_and_filtered_without_it_is_not_1_5()
    {
        var typeAhead = Choices("s", "a");
        typeAhead["choices.data"] = new JsonObject { ["type"] = "Data.Query", ["dataset"] = "segments" };
        var filtered = Choices("t", "a");
        filtered["style"] = "filtered";

        AssertViolation(Card(typeAhead.DeepClone()), "$.version", "a card with Data.Query");
        Assert.Empty(AdaptiveCardLimits.Check(Card("1.6", typeAhead)));
        AssertViolation(Card(filtered), "$.body[0].style", "filtered is not in the 1.5 schema");
    }

    [Fact]
    public void Ids_must_be_unique_across_the_card()
    {
        var card = Card(Choices("x", "a"), new JsonObject { ["type"] = "Container", ["items"] = new JsonArray(Choices("x", "b")) });

        AssertViolation(card, "$.body[1].items[0].id", "id 'x' is already used at $.body[0]");
    }

    [Fact]
    public void An_input_needs_an_id_and_a_required_one_a_label_and_error_message()
    {
        var input = new JsonObject { ["type"] = "Input.Text", ["isRequired"] = true };

        var violations = AdaptiveCardLimits.Check(Card(input)).Select(v => v.Path).ToList();

        Assert.Equal(["$.body[0].id", "$.body[0].label", "$.body[0].errorMessage"], violations);
    }

    [Fact]
    public void A_choice_set_needs_choices_and_multi_select_values_without_commas()
    {
        AssertViolation(Card(Choices("a")), "$.body[0].choices", "a choice set needs at least one choice");
        AssertViolation(Card(Choices("b", "x,y")), "$.body[0].choices[0].value", "a multi-select choice value must not contain ','");
        AssertViolation(Card(Choices("c", [.. Enumerable.Range(0, 101).Select(i => $"v{i}")])), "$.body[0].choices", "at most 100 choices");
    }

    [Fact]
    public void An_action_execute_needs_a_verb_and_object_data()
    {
        var stringData = Execute();
        stringData["data"] = "x";

        AssertViolation(Card(ActionSet(Execute(verb: null))), "$.body[0].actions[0].verb", "an Action.Execute needs a verb");
        AssertViolation(Card(ActionSet(stringData)), "$.body[0].actions[0].data", "data must be an object");
    }

    [Fact]
    public void At_most_five_buttons_in_a_row()
    {
        AssertViolation(Card(ActionSet([.. Enumerable.Range(0, 6).Select(_ => Execute())])), "$.body[0].actions", "at most 5 actions");
    }

    [Fact]
    public void A_toggle_must_target_an_element_that_exists()
    {
        var toggle = new JsonObject { ["type"] = "Action.ToggleVisibility", ["title"] = "Show", ["targetElements"] = new JsonArray("missing") };

        AssertViolation(Card(ActionSet(toggle)), "$.body[0].actions[0].targetElements[0]", "no element has the id 'missing'");
    }

    [Fact]
    public void Refresh_needs_an_action_execute_and_at_most_sixty_users()
    {
        var card = Card(ActionSet(Execute()));
        card["refresh"] = new JsonObject { ["action"] = Execute(), ["userIds"] = new JsonArray([.. Enumerable.Range(0, 61).Select(i => (JsonNode?)$"29:{i}")]) };
        AssertViolation(card, "$.refresh.userIds", "Teams refreshes for at most 60 users");

        card["refresh"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Submit" } };
        AssertViolation(card, "$.refresh", "refresh needs an Action.Execute");
    }

    [Fact]
    public void Unknown_elements_and_empty_text_runs_are_named()
    {
        AssertViolation(Card(new JsonObject { ["type"] = "Carousel" }), "$.body[0].type", "'Carousel' is not an Adaptive Card 1.5 element");
        AssertViolation(Card(new JsonObject { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray(new JsonObject { ["type"] = "TextRun", ["text"] = "" }) }), "$.body[0].inlines[0]", "a TextRun needs text");
    }

    [Fact]
    public void A_card_that_is_not_an_adaptive_card_is_named_without_an_exception()
    {
        var violations = AdaptiveCardLimits.Check(new JsonObject { ["type"] = 5, ["body"] = "x", ["actions"] = new JsonArray(1, null) });

        Assert.Contains(violations, v => v.Path == "$.type");
        Assert.Contains(violations, v => v.Path == "$.body");
        Assert.Contains(violations, v => v.Path == "$.actions[0]");
    }
}
