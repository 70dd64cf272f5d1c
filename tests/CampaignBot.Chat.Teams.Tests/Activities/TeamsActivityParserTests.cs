using System.Text.Json.Nodes;
using CampaignBot.Chat.Teams.Activities;
using CampaignBot.Chat.Teams.Cards;

namespace CampaignBot.Chat.Teams.Tests.Activities;

public sealed class TeamsActivityParserTests
{
    private static T Parsed<T>(JsonObject json)
        where T : TeamsActivity
    {
        var result = TeamsActivityParser.Parse(json.ToJsonString());
        var parsed = Assert.IsType<TeamsParseResult.Parsed>(result);
        return Assert.IsType<T>(parsed.Activity);
    }

    private static IReadOnlyList<string> Problems(string body) =>
        Assert.IsType<TeamsParseResult.Invalid>(TeamsActivityParser.Parse(body)).Problems;

    private static IReadOnlyList<string> Problems(JsonObject json) => Problems(json.ToJsonString());

    [Fact]
    public void Channel_mention_becomes_a_plain_command_with_the_envelope_kept()
    {
        var message = Parsed<TeamsMessage>(ActivityJson.Message("<at>CampaignBot</at> show Spring sale"));

        Assert.Equal("show Spring sale", message.Text);
        Assert.True(message.MentionsBot);
        Assert.Equal(("1700000000000", "msteams", ActivityJson.ServiceUrl), (message.Id, message.ChannelId, message.ServiceUrl));
        Assert.Equal(new TeamsAccount("29:1maya", "Maya Marketer", "a1b2c3d4-0000-0000-0000-00000000maya"), message.From);
        Assert.Equal(("channel", "8a3f0c52-1111-4c4c-9d9d-2b2b2b2b2b2b", true), (message.Conversation.ConversationType, message.TenantId, message.Conversation.IsGroup));
        Assert.Equal(new TeamsChannelData("8a3f0c52-1111-4c4c-9d9d-2b2b2b2b2b2b", "19:team@thread.tacv2", "19:abc123@thread.tacv2"), message.Envelope.ChannelData);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T09:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture), message.Envelope.Timestamp);
    }

    [Fact]
    public void Personal_chat_text_passes_through()
    {
        var message = Parsed<TeamsMessage>(ActivityJson.Message("help", mentionEntity: false));

        Assert.Equal("help", message.Text);
        Assert.False(message.MentionsBot);
    }

    [Fact]
    public void Message_without_text_is_an_action_submit_with_its_value()
    {
        var json = ActivityJson.Message("", mentionEntity: false);
        json.Remove("text");
        json["value"] = new JsonObject { ["choice"] = "a" };

        var message = Parsed<TeamsMessage>(json);

        Assert.Equal("", message.Text);
        Assert.Equal("a", message.Value!["choice"]!.GetValue<string>());
    }

    [Fact]
    public void Bot_install_is_a_conversation_update_that_adds_the_bot()
    {
        var json = ActivityJson.Envelope("conversationUpdate");
        json["membersAdded"] = new JsonArray(new JsonObject { ["id"] = ActivityJson.BotId }, new JsonObject { ["id"] = "29:1maya", ["aadObjectId"] = "x" });

        var update = Parsed<TeamsConversationUpdate>(json);

        Assert.True(update.BotAdded);
        Assert.False(update.BotRemoved);
        Assert.Equal(["28:6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", "29:1maya"], update.MembersAdded.Select(m => m.Id));
    }

    [Theory]
    [InlineData("add", true)]
    [InlineData("add-upgrade", true)]
    [InlineData("remove", false)]
    public void Installation_update_says_whether_the_app_was_added(string action, bool added)
    {
        var json = ActivityJson.Envelope("installationUpdate");
        json["action"] = action;

        Assert.Equal(added, Parsed<TeamsInstallationUpdate>(json).Added);
    }

    [Fact]
    public void Installation_update_without_an_action_is_invalid()
    {
        Assert.Equal(["$.action: is required"], Problems(ActivityJson.Envelope("installationUpdate")));
    }

    [Fact]
    public void Button_click_gives_the_verb_and_the_button_value()
    {
        var data = new JsonObject { [CardActionData.Envelope] = new JsonObject { [CardActionData.Value] = "campaign-42" } };

        var action = Parsed<TeamsCardAction>(ActivityJson.CardAction("approval.approve", data));

        Assert.Equal(("approval.approve", "campaign-42", "1699999999999"), (action.Verb, action.Value, action.ReplyToId));
        Assert.False(action.IsRefresh);
        Assert.Null(action.Form);
    }

    [Fact]
    public void Form_submit_gives_the_form_its_state_and_every_input_value()
    {
        var data = new JsonObject
        {
            [CardActionData.Envelope] = new JsonObject
            {
                [CardActionData.Form] = "wizard.basics",
                [CardActionData.State] = "{\"draft\":7}",
                [CardActionData.Multi] = new JsonArray("destinations"),
            },
            ["name"] = "Spring, summer & more",
            ["destinations"] = "klaviyo-main,meta-main",
            ["segment"] = "vip",
        };

        var form = Parsed<TeamsCardAction>(ActivityJson.CardAction(CardActionData.SubmitVerb, data)).Form!;

        Assert.Equal(("wizard.basics", "{\"draft\":7}"), (form.FormId, form.State));
        Assert.Equal("Spring, summer & more", form.Text("name"));
        Assert.Equal(["klaviyo-main", "meta-main"], form.All("destinations"));
        Assert.Equal(["vip"], form.All("segment"));
        Assert.False(form.Values.ContainsKey(CardActionData.Envelope));
    }

    [Fact]
    public void Picker_button_reads_the_chosen_option_from_its_input()
    {
        var data = new JsonObject { [CardActionData.Envelope] = new JsonObject { [CardActionData.Input] = "segment.pick" }, ["segment.pick"] = "lapsed-90d" };

        Assert.Equal("lapsed-90d", Parsed<TeamsCardAction>(ActivityJson.CardAction("segment.pick", data)).Value);
    }

    [Fact]
    public void Automatic_trigger_is_a_refresh()
    {
        Assert.True(Parsed<TeamsCardAction>(ActivityJson.CardAction("approval.refresh", trigger: "automatic")).IsRefresh);
    }

    [Fact]
    public void Card_action_other_than_action_execute_is_invalid()
    {
        var json = ActivityJson.CardAction("x");
        json["value"]!["action"]!["type"] = "Action.Submit";

        Assert.Equal(["$.value.action.type: only Action.Execute is supported"], Problems(json));
    }

    [Fact]
    public void Card_action_without_a_verb_is_invalid()
    {
        var json = ActivityJson.CardAction("x");
        json["value"]!["action"]!.AsObject().Remove("verb");

        Assert.Equal(["$.value.action.verb: is required"], Problems(json));
    }

    [Fact]
    public void Type_ahead_search_gives_dataset_query_and_paging()
    {
        var search = Parsed<TeamsSearchQuery>(ActivityJson.Search("segments", "spr"));

        Assert.Equal(("segments", "spr", 0, 15), (search.Dataset, search.QueryText, search.Skip, search.Top));
    }

    [Fact]
    public void Empty_type_ahead_query_is_allowed_but_a_missing_dataset_is_not()
    {
        Assert.Equal("", Parsed<TeamsSearchQuery>(ActivityJson.Search("segments", "")).QueryText);
        var json = ActivityJson.Search("segments", "x");
        json["value"]!.AsObject().Remove("dataset");
        Assert.Equal(["$.value.dataset: is required"], Problems(json));
    }

    [Fact]
    public void Invoke_without_a_name_is_invalid()
    {
        Assert.Equal(["$.name: is required"], Problems(ActivityJson.Envelope("invoke")));
    }

    [Theory]
    [InlineData("typing", null)]
    [InlineData("messageReaction", null)]
    [InlineData("event", "application/vnd.microsoft.meetingStart")]
    [InlineData("invoke", "composeExtension/query")]
    public void Other_types_and_invokes_are_accepted_to_be_ignored(string type, string? name)
    {
        var json = ActivityJson.Envelope(type);
        json["name"] = name;

        Assert.Equal(name, Parsed<TeamsOtherActivity>(json).Name);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var json = ActivityJson.Message("help", mentionEntity: false);
        json["somethingNew"] = new JsonObject { ["deep"] = new JsonArray(1, 2) };
        json["localTimezone"] = "Europe/Berlin";

        Assert.Equal("help", Parsed<TeamsMessage>(json).Text);
    }

    [Fact]
    public void Every_missing_required_field_is_reported_at_once()
    {
        var problems = Problems("""{"type":"message","text":"hi","from":{},"conversation":{"id":""}}""");

        Assert.Equal(["$.id: is required", "$.channelId: is required", "$.serviceUrl: is required", "$.from.id: is required", "$.recipient: is required", "$.conversation.id: must not be empty"], problems);
    }

    [Theory]
    [InlineData("""{"serviceUrl":"not a url"}""", "$.serviceUrl: must be an absolute http(s) URL")]
    [InlineData("""{"serviceUrl":"file:///etc/passwd"}""", "$.serviceUrl: must be an absolute http(s) URL")]
    [InlineData("""{"text":42}""", "$.text: must be a string")]
    [InlineData("""{"timestamp":"yesterday"}""", "$.timestamp: must be an ISO-8601 timestamp")]
    [InlineData("""{"conversation":"19:abc"}""", "$.conversation: must be an object")]
    [InlineData("""{"from":[]}""", "$.from: must be an object")]
    [InlineData("""{"value":"x"}""", "$.value: must be an object")]
    public void A_field_of_the_wrong_shape_is_named(string overrides, string problem)
    {
        var json = ActivityJson.Message("hi", mentionEntity: false);
        foreach (var (key, value) in JsonNode.Parse(overrides)!.AsObject())
        {
            json[key] = value?.DeepClone();
        }

        Assert.Equal([problem], Problems(json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"message\"")]
    [InlineData("""{"type":"message","type":"invoke"}""")]
    public void A_body_that_is_not_an_activity_object_is_invalid(string body)
    {
        Assert.NotEmpty(Problems(body));
    }
}
