using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.Protocol;
using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Chat.Slack.Tests.BlockKit;

public sealed class SlackBlockKitTests
{
    [Fact]
    public void Each_block_kind_renders_to_its_block_kit_form()
    {
        var message = new ChatMessage("Spring & sale", [
            new Heading("Spring sale"),
            new Paragraph("Hello <!channel> & friends"),
            new FactList([new Fact("Status", "Draft")]),
            new BulletList(["one", "two"]),
            new Notice("Check this", Tone.Warning),
            new Footnote("small print"),
            new Divider(),
            new ActionRow([
                new ChatButton("campaign.submit", "Submit", "42", ButtonStyle.Primary),
                new ChatButton("campaign.cancel", "Cancel", "42", ButtonStyle.Danger, new Confirmation("Sure?", "It stops.", "Yes", "No")),
            ]),
        ]);

        var rendered = SlackBlockKit.Message(message);

        var expected = JsonNode.Parse("""
            {"text":"Spring &amp; sale","blocks":[
              {"type":"header","text":{"type":"plain_text","text":"Spring sale","emoji":true}},
              {"type":"section","text":{"type":"mrkdwn","text":"Hello &lt;!channel&gt; &amp; friends"}},
              {"type":"section","fields":[{"type":"mrkdwn","text":"*Status*\nDraft"}]},
              {"type":"section","text":{"type":"mrkdwn","text":"• one\n• two"}},
              {"type":"section","text":{"type":"mrkdwn","text":":warning: Check this"}},
              {"type":"context","elements":[{"type":"mrkdwn","text":"small print"}]},
              {"type":"divider"},
              {"type":"actions","elements":[
                {"type":"button","action_id":"campaign.submit","text":{"type":"plain_text","text":"Submit","emoji":true},"value":"42","style":"primary"},
                {"type":"button","action_id":"campaign.cancel","text":{"type":"plain_text","text":"Cancel","emoji":true},"value":"42","style":"danger",
                 "confirm":{"title":{"type":"plain_text","text":"Sure?","emoji":true},"text":{"type":"plain_text","text":"It stops.","emoji":true},
                            "confirm":{"type":"plain_text","text":"Yes","emoji":true},"deny":{"type":"plain_text","text":"No","emoji":true}}}]}]}
            """);
        Assert.True(JsonNode.DeepEquals(expected, rendered), rendered.ToJsonString());
    }

    [Fact]
    public void A_form_renders_as_a_modal_with_one_input_per_field_keyed_by_the_field_id()
    {
        var form = new ChatForm("campaign.reject", "Reject campaign", "Reject", [new Paragraph("Why?")],
        [
            new TextField { Id = "reason", Label = "Reason", Multiline = true, MaxLength = 1000 },
            new ChoiceField { Id = "type", Label = "Type", Choices = [new Choice("One-time", "one-time"), new Choice("Recurring", "recurring")], Initial = ["recurring"], Optional = true },
        ], "state-1");

        var view = SlackBlockKit.Modal(form);

        Assert.Equal("campaign.reject", view["callback_id"]!.GetValue<string>());
        Assert.Equal("state-1", view["private_metadata"]!.GetValue<string>());
        Assert.Equal("Reject", view["submit"]!["text"]!.GetValue<string>());
        var inputs = view["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "input").ToList();
        Assert.Equal(["reason", "type"], inputs.Select(b => b!["block_id"]!.GetValue<string>()));
        Assert.Equal("plain_text_input", inputs[0]!["element"]!["type"]!.GetValue<string>());
        Assert.Equal("recurring", inputs[1]!["element"]!["initial_option"]!["value"]!.GetValue<string>());
        Assert.True(inputs[1]!["optional"]!.GetValue<bool>());
        Assert.Empty(BlockKitLimits.CheckView(view));
    }

    [Fact]
    public void Long_choice_lists_become_a_type_ahead_search_and_long_messages_stay_within_fifty_blocks()
    {
        var choices = Enumerable.Range(0, 150).Select(i => new Choice($"Segment {i}", $"s{i}")).ToList();
        var form = new ChatForm("f", "Pick", "Next", [], [new ChoiceField { Id = "segments", Label = "Segments", Choices = choices, Multiple = true, SearchSource = "segments" }]);
        var message = new ChatMessage("many", [.. Enumerable.Range(0, 80).Select(i => (ChatBlock)new Paragraph($"part {i}"))]);

        var element = SlackBlockKit.Modal(form)["blocks"]![0]!["element"]!;
        var blocks = SlackBlockKit.Message(message)["blocks"]!.AsArray();

        Assert.Equal("multi_external_select", element["type"]!.GetValue<string>());
        Assert.Equal("segments", element["action_id"]!.GetValue<string>());
        Assert.Equal(SlackBlockKit.MaxMessageBlocks, blocks.Count);
        Assert.Contains("31 more parts not shown", blocks[^1]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Buttons_repeating_one_action_get_unique_action_ids_and_clicks_on_them_are_that_action()
    {
        var message = new ChatMessage("Alert", [new ActionRow([
            new ChatButton("alert.acknowledge", "Acknowledge", "a1"),
            new ChatButton("alert.mute", "Mute 4 h", "a1|4"),
            new ChatButton("alert.mute", "Mute 24 h", "a1|24"),
            new ChatButton("alert.mute", "Mute 72 h", "a1|72"),
        ])]);

        var rendered = SlackBlockKit.Message(message);
        var ids = rendered["blocks"]![0]!["elements"]!.AsArray().Select(e => e!["action_id"]!.GetValue<string>()).ToList();
        var click = SlackInteraction.Parse(System.Text.Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString("""
            {"type":"block_actions","user":{"id":"U1"},"actions":[{"action_id":"alert.mute#3","block_id":"b","type":"button","value":"a1|72"}]}
            """)));

        Assert.Equal(["alert.acknowledge", "alert.mute", "alert.mute#2", "alert.mute#3"], ids);
        Assert.Empty(BlockKitLimits.CheckMessage(rendered));
        Assert.True(click.Succeeded, click.Error);
        var action = Assert.Single(click.Value!.Actions);
        Assert.Equal(("alert.mute", "a1|72"), (action.ActionId, action.Value));
    }
}
