using System.Text.Json.Nodes;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Chat.Slack.Tests.BlockKit;

public sealed class BlockKitLimitsTests
{
    private static JsonObject ValidMessage() => JsonNode.Parse("""
        {"text":"Approve Spring sale?","blocks":[
          {"type":"header","text":{"type":"plain_text","text":"Approval needed"}},
          {"type":"section","block_id":"summary","text":{"type":"mrkdwn","text":"*Spring sale* to VIP"},
           "fields":[{"type":"mrkdwn","text":"*Audience*\n1.2 million"},{"type":"mrkdwn","text":"*Launch*\nMon 09:00"}],
           "accessory":{"type":"overflow","action_id":"more","options":[{"text":{"type":"plain_text","text":"Details"},"value":"details"},{"text":{"type":"plain_text","text":"Mute"},"value":"mute"}]}},
          {"type":"divider"},
          {"type":"actions","block_id":"approval:42","elements":[
            {"type":"button","action_id":"approve","text":{"type":"plain_text","text":"Approve"},"style":"primary","value":"campaign-42",
             "confirm":{"title":{"type":"plain_text","text":"Launch?"},"text":{"type":"mrkdwn","text":"Sends to 1.2 million people."},
                        "confirm":{"type":"plain_text","text":"Launch"},"deny":{"type":"plain_text","text":"Cancel"}}},
            {"type":"button","action_id":"reject","text":{"type":"plain_text","text":"Reject"},"style":"danger","value":"campaign-42"},
            {"type":"static_select","action_id":"delay","placeholder":{"type":"plain_text","text":"Delay"},
             "options":[{"text":{"type":"plain_text","text":"1 hour"},"value":"1h"},{"text":{"type":"plain_text","text":"1 day"},"value":"1d"}]}]},
          {"type":"context","elements":[{"type":"mrkdwn","text":"Requested by <@U0ALICE>"}]}]}
        """)!.AsObject();

    private static JsonObject ValidModal() => JsonNode.Parse("""
        {"type":"modal","callback_id":"campaign.new","private_metadata":"{\"draft\":7}",
         "title":{"type":"plain_text","text":"New campaign"},"submit":{"type":"plain_text","text":"Create"},"close":{"type":"plain_text","text":"Cancel"},
         "blocks":[
           {"type":"input","block_id":"name","label":{"type":"plain_text","text":"Name"},"element":{"type":"plain_text_input","action_id":"name_input","max_length":80}},
           {"type":"input","block_id":"flags","optional":true,"label":{"type":"plain_text","text":"Options"},
            "element":{"type":"checkboxes","action_id":"flags_boxes","options":[{"text":{"type":"plain_text","text":"Holdout"},"value":"holdout"}]}}]}
        """)!.AsObject();

    private static JsonNode Walk(JsonNode node, string path)
    {
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = int.TryParse(part, out var index) ? node[index]! : node[part]!;
        }

        return node;
    }

    private static string Long(int length) => new('x', length);

    [Fact]
    public void Valid_message_and_modal_pass()
    {
        Assert.Empty(BlockKitLimits.CheckMessage(ValidMessage()));
        Assert.Empty(BlockKitLimits.CheckView(ValidModal()));
    }

    [Theory]
    [InlineData("blocks.0.text", "text", 151, "$.blocks[0].text.text")]
    [InlineData("blocks.1.text", "text", 3001, "$.blocks[1].text.text")]
    [InlineData("blocks.1.fields.0", "text", 2001, "$.blocks[1].fields[0].text")]
    [InlineData("blocks.3.elements.0.text", "text", 76, "$.blocks[3].elements[0].text.text")]
    [InlineData("blocks.3.elements.0", "value", 2001, "$.blocks[3].elements[0].value")]
    [InlineData("blocks.3.elements.0.confirm.title", "text", 101, "$.blocks[3].elements[0].confirm.title.text")]
    [InlineData("blocks.3.elements.0.confirm.text", "text", 301, "$.blocks[3].elements[0].confirm.text.text")]
    [InlineData("blocks.3.elements.0.confirm.confirm", "text", 31, "$.blocks[3].elements[0].confirm.confirm.text")]
    [InlineData("blocks.3.elements.0.confirm.deny", "text", 31, "$.blocks[3].elements[0].confirm.deny.text")]
    [InlineData("blocks.3.elements.2.options.0.text", "text", 76, "$.blocks[3].elements[2].options[0].text.text")]
    [InlineData("blocks.3.elements.2.options.0", "value", 76, "$.blocks[3].elements[2].options[0].value")]
    [InlineData("blocks.3.elements.0", "action_id", 256, "$.blocks[3].elements[0].action_id")]
    [InlineData("blocks.3", "block_id", 256, "$.blocks[3].block_id")]
    public void Overlong_text_in_a_message_is_reported_at_its_path(string owner, string field, int length, string expectedPath)
    {
        var message = ValidMessage();
        Walk(message, owner)[field] = Long(length);
        Assert.Contains(BlockKitLimits.CheckMessage(message), v => v.Path == expectedPath);
    }

    [Fact]
    public void More_than_fifty_blocks_in_a_message_is_reported()
    {
        var message = ValidMessage();
        var blocks = message["blocks"]!.AsArray();
        while (blocks.Count <= BlockKitLimits.MaxMessageBlocks)
        {
            blocks.Add(new JsonObject { ["type"] = "divider" });
        }

        Assert.Equal("$.blocks", Assert.Single(BlockKitLimits.CheckMessage(message)).Path);
    }

    [Fact]
    public void Count_limits_on_fields_elements_and_options_are_reported()
    {
        var message = ValidMessage();
        var fields = message["blocks"]![1]!["fields"]!.AsArray();
        var actions = message["blocks"]![3]!["elements"]!.AsArray();
        var options = actions[2]!["options"]!.AsArray();
        for (var i = 0; i < 9; i++)
        {
            fields.Add(new JsonObject { ["type"] = "mrkdwn", ["text"] = $"f{i}" });
        }

        for (var i = 0; i < 23; i++)
        {
            actions.Add(new JsonObject { ["type"] = "button", ["action_id"] = $"b{i}", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "B" } });
        }

        for (var i = 0; i < 99; i++)
        {
            options.Add(new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = $"o{i}" }, ["value"] = $"o{i}" });
        }

        var paths = BlockKitLimits.CheckMessage(message).Select(v => v.Path).ToList();
        Assert.Equal(["$.blocks[1].fields", "$.blocks[3].elements", "$.blocks[3].elements[2].options"], paths);
    }

    [Fact]
    public void Duplicate_block_ids_and_duplicate_action_ids_in_a_block_are_reported()
    {
        var message = ValidMessage();
        message["blocks"]![3]!["block_id"] = "summary";
        message["blocks"]![3]!["elements"]![1]!["action_id"] = "approve";
        var paths = BlockKitLimits.CheckMessage(message).Select(v => v.Path).ToList();
        Assert.Equal(["$.blocks[3].block_id", "$.blocks[3].elements[1].action_id"], paths);
    }

    [Fact]
    public void Blocks_without_a_text_fallback_are_reported()
    {
        var message = ValidMessage();
        message.Remove("text");
        Assert.Equal("$.text", Assert.Single(BlockKitLimits.CheckMessage(message)).Path);
    }

    [Fact]
    public void Checkboxes_take_at_most_ten_options()
    {
        var modal = ValidModal();
        var options = modal["blocks"]![1]!["element"]!["options"]!.AsArray();
        for (var i = 0; i < 10; i++)
        {
            options.Add(new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = $"o{i}" }, ["value"] = $"o{i}" });
        }

        Assert.Equal("$.blocks[1].element.options", Assert.Single(BlockKitLimits.CheckView(modal)).Path);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("submit")]
    [InlineData("close")]
    public void Modal_title_submit_and_close_longer_than_24_are_reported(string field)
    {
        var modal = ValidModal();
        modal[field]!["text"] = Long(25);
        Assert.Equal($"$.{field}.text", Assert.Single(BlockKitLimits.CheckView(modal)).Path);
    }

    [Fact]
    public void Modal_with_inputs_needs_a_submit_button()
    {
        var modal = ValidModal();
        modal.Remove("submit");
        Assert.Equal("$.submit", Assert.Single(BlockKitLimits.CheckView(modal)).Path);
    }

    [Fact]
    public void Modal_metadata_ids_and_block_count_limits_are_reported()
    {
        var modal = ValidModal();
        modal["private_metadata"] = Long(3001);
        modal["callback_id"] = Long(256);
        var blocks = modal["blocks"]!.AsArray();
        while (blocks.Count <= BlockKitLimits.MaxViewBlocks)
        {
            blocks.Add(new JsonObject { ["type"] = "divider" });
        }

        var paths = BlockKitLimits.CheckView(modal).Select(v => v.Path).ToList();
        Assert.Equal(["$.blocks", "$.private_metadata", "$.callback_id"], paths);
    }

    [Fact]
    public void Empty_or_mistyped_text_objects_are_reported()
    {
        var message = ValidMessage();
        message["blocks"]![0]!["text"]!["text"] = "";
        message["blocks"]![1]!["text"] = "plain string instead of a text object";
        var paths = BlockKitLimits.CheckMessage(message).Select(v => v.Path).ToList();
        Assert.Equal(["$.blocks[0].text.text", "$.blocks[1].text"], paths);
    }
}
