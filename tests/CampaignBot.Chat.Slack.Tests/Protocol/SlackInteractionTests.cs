using System.Text;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.Protocol;

namespace CampaignBot.Chat.Slack.Tests.Protocol;

public sealed class SlackInteractionTests
{
    private static SlackParseResult<SlackInteraction> ParseForm(string payloadJson) =>
        SlackInteraction.Parse(Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(payloadJson)));

    [Fact]
    public void Button_click_on_a_message_is_parsed_with_its_action_and_message_reference()
    {
        var result = ParseForm("""
            {"type":"block_actions","user":{"id":"U0APPROVER","username":"ana","team_id":"T0TEAM"},"api_app_id":"A0APP","token":"x",
             "container":{"type":"message","message_ts":"1765000000.000200","channel_id":"C0APPROVALS","is_ephemeral":false},
             "trigger_id":"1234.5678.abcd","team":{"id":"T0TEAM","domain":"acme"},"channel":{"id":"C0APPROVALS","name":"approvals"},
             "message":{"type":"message","ts":"1765000000.000200","text":"Approve Spring sale?","bot_id":"B0BOT"},
             "response_url":"https://hooks.slack.com/actions/T0TEAM/1/abc",
             "actions":[{"action_id":"campaign.approve","block_id":"approval:42","text":{"type":"plain_text","text":"Approve"},
                         "value":"campaign-42","style":"primary","type":"button","action_ts":"1765000010.123456"}]}
            """);
        Assert.True(result.Succeeded, result.Error);
        var interaction = result.Value;
        Assert.Equal(SlackInteractionType.BlockActions, interaction.Type);
        Assert.Equal("U0APPROVER", interaction.UserId);
        Assert.Equal("T0TEAM", interaction.TeamId);
        Assert.Equal("C0APPROVALS", interaction.ChannelId);
        Assert.Equal("1765000000.000200", interaction.MessageTs);
        Assert.Equal("1234.5678.abcd", interaction.TriggerId);
        Assert.Equal("https://hooks.slack.com/actions/T0TEAM/1/abc", interaction.ResponseUrl);
        var action = Assert.Single(interaction.Actions);
        Assert.Equal(("campaign.approve", "approval:42", "button", "campaign-42"), (action.ActionId, action.BlockId, action.Type, action.Value));
        Assert.Equal("1765000010.123456", action.ActionTs);
        Assert.Null(interaction.View);
    }

    [Fact]
    public void Select_menus_report_their_selected_option_values()
    {
        var result = ParseForm("""
            {"type":"block_actions","user":{"id":"U1"},"container":{"type":"message","message_ts":"1.2","channel_id":"C1"},
             "actions":[
               {"action_id":"segment","block_id":"b1","type":"static_select","selected_option":{"text":{"type":"plain_text","text":"VIP"},"value":"seg-vip"},"action_ts":"1"},
               {"action_id":"channels","block_id":"b1","type":"multi_static_select","selected_options":[{"text":{"type":"plain_text","text":"Email"},"value":"email"},{"text":{"type":"plain_text","text":"SMS"},"value":"sms"}],"action_ts":"1"}]}
            """);
        Assert.Equal(["seg-vip"], result.Value!.Actions[0].Values);
        Assert.Equal(["email", "sms"], result.Value.Actions[1].Values);
        Assert.Equal("C1", result.Value.ChannelId);
    }

    [Fact]
    public void View_submission_flattens_state_values_of_every_input_kind()
    {
        var result = ParseForm("""
            {"type":"view_submission","team":{"id":"T0TEAM"},"user":{"id":"U0ALICE"},"trigger_id":"111.222.333",
             "view":{"id":"V0MODAL","type":"modal","callback_id":"campaign.new","private_metadata":"{\"draft\":7}","hash":"1765000000.abcd",
              "state":{"values":{
                "name":{"name_input":{"type":"plain_text_input","value":"Spring sale"}},
                "notes":{"notes_input":{"type":"plain_text_input","value":null}},
                "segment":{"segment_select":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"VIP"},"value":"seg-vip"}}},
                "lookup":{"lookup_select":{"type":"external_select","selected_option":{"text":{"type":"plain_text","text":"Acme"},"value":"acct-9"}}},
                "channels":{"channels_select":{"type":"multi_static_select","selected_options":[{"value":"email"},{"value":"sms"}]}},
                "flags":{"flags_boxes":{"type":"checkboxes","selected_options":[{"text":{"type":"plain_text","text":"Holdout"},"value":"holdout"}]}},
                "mode":{"mode_radio":{"type":"radio_buttons","selected_option":{"value":"now"}}},
                "unset":{"unset_radio":{"type":"radio_buttons","selected_option":null}},
                "day":{"day_picker":{"type":"datepicker","selected_date":"2026-12-01"}}}}}}
            """);
        Assert.True(result.Succeeded, result.Error);
        var view = result.Value.View!;
        Assert.Equal(SlackInteractionType.ViewSubmission, result.Value.Type);
        Assert.Equal(("V0MODAL", "campaign.new", "{\"draft\":7}", "1765000000.abcd"), (view.Id, view.CallbackId, view.PrivateMetadata, view.Hash));
        Assert.Equal(["Spring sale"], view.ValuesOf("name", "name_input"));
        Assert.Empty(view.ValuesOf("notes", "notes_input"));
        Assert.Equal(["seg-vip"], view.ValuesOf("segment", "segment_select"));
        Assert.Equal(["acct-9"], view.ValuesOf("lookup", "lookup_select"));
        Assert.Equal(["email", "sms"], view.ValuesOf("channels", "channels_select"));
        Assert.Equal(["holdout"], view.ValuesOf("flags", "flags_boxes"));
        Assert.Equal(["now"], view.ValuesOf("mode", "mode_radio"));
        Assert.Empty(view.ValuesOf("unset", "unset_radio"));
        Assert.Equal(["2026-12-01"], view.ValuesOf("day", "day_picker"));
        Assert.Equal("", result.Value.ResponseUrl);
    }

    [Fact]
    public void Modal_values_are_taken_as_typed_because_slack_does_not_escape_them()
    {
        var result = ParseForm("""
            {"type":"view_submission","user":{"id":"U1"},"view":{"id":"V1","callback_id":"campaign.new","private_metadata":"",
             "state":{"values":{"name":{"value":{"type":"plain_text_input","value":"R&amp;D <b> & Fish &lt;3"}}}}}}
            """);

        Assert.Equal(["R&amp;D <b> & Fish &lt;3"], result.Value!.View!.ValuesOf("name", "value"));
    }

    [Fact]
    public void An_escaped_lone_surrogate_is_the_parsers_failure_not_an_exception()
    {
        var result = ParseForm("""{"type":"view_submission","user":{"id":"U1"},"view":{"id":"V1","state":{"values":{"name":{"value":{"value":"\udc00"}}}}}}""");

        Assert.Equal("payload holds a string that is not valid Unicode", result.Error);
    }

    [Fact]
    public void View_closed_block_suggestion_and_shortcut_are_recognised()
    {
        var closed = ParseForm("""{"type":"view_closed","user":{"id":"U1"},"view":{"id":"V1","callback_id":"campaign.new","private_metadata":"","hash":"h","state":{"values":{}}},"is_cleared":false}""");
        Assert.Equal((SlackInteractionType.ViewClosed, "campaign.new"), (closed.Value!.Type, closed.Value.View!.CallbackId));

        var suggestion = ParseForm("""{"type":"block_suggestion","user":{"id":"U1"},"action_id":"lookup_select","block_id":"lookup","value":"acm","view":{"id":"V1","state":{"values":{}}}}""");
        Assert.Equal((SlackInteractionType.BlockSuggestion, "acm", "lookup_select", "lookup"),
            (suggestion.Value!.Type, suggestion.Value.SuggestionValue, suggestion.Value.SuggestionActionId, suggestion.Value.SuggestionBlockId));

        var shortcut = ParseForm("""{"type":"shortcut","token":"x","action_ts":"1","team":{"id":"T1"},"user":{"id":"U1","username":"a"},"callback_id":"campaign.quick","trigger_id":"9.8.7"}""");
        Assert.Equal((SlackInteractionType.Shortcut, "campaign.quick", "9.8.7"), (shortcut.Value!.Type, shortcut.Value.CallbackId, shortcut.Value.TriggerId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("text=hello")]
    [InlineData("payload=")]
    [InlineData("payload=%7Bnot-json")]
    [InlineData("payload=%5B%5D")]
    [InlineData("payload=%7B%22type%22%3A%22dialog_submission%22%2C%22user%22%3A%7B%22id%22%3A%22U1%22%7D%7D")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%2C%22user%22%3A%22U1%22%2C%22actions%22%3A7%7D")]
    public void Malformed_interaction_is_a_parse_failure_not_an_exception(string form)
    {
        var result = SlackInteraction.Parse(Encoding.UTF8.GetBytes(form));
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Error);
    }
}
