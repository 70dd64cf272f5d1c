using System.Text.Json.Nodes;
using CampaignBot.Conversations.Messages;
using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Chat.Slack.Tests.BlockKit;

/// <summary>
/// A value reaches Slack escaped exactly once: &amp;, &lt; and &gt; become entities in mrkdwn (where Slack parses
/// them), and stay as typed in plain_text and in values (where it does not), on every path a message or modal takes.
/// </summary>
public sealed class SlackEscapingTests
{
    private const string Typed = "Fish & Chips <VIP>";
    private const string Escaped = "Fish &amp; Chips &lt;VIP&gt;";

    [Fact]
    public void Every_text_of_a_message_is_escaped_once_in_mrkdwn_and_kept_as_typed_in_plain_text()
    {
        var message = new ChatMessage(Typed,
        [
            new Heading(Typed), new Paragraph(Typed), new FactList([new Fact(Typed, Typed)]), new BulletList([Typed]), new Notice(Typed, Tone.Warning),
            new Footnote(Typed), new ActionRow([new ChatButton("campaign.show", Typed, Typed, Confirm: new Confirmation(Typed, Typed, "Yes", "No"))]),
            new Picker("campaign.pick", Typed, [new Choice(Typed, "v1", Typed)]),
        ]);

        var json = SlackBlockKit.Message(message);

        AssertEscapedOnce(json);
        Assert.Equal(Escaped, json["text"]!.GetValue<string>());
    }

    [Fact]
    public void Every_text_of_a_modal_is_escaped_once_in_mrkdwn_and_kept_as_typed_in_plain_text_and_values()
    {
        var form = new ChatForm("campaign.new", "Fish & Chips", "Next", [new Paragraph(Typed), new Footnote(Typed)],
        [
            new TextField { Id = "name", Label = Typed, Hint = Typed, Placeholder = Typed, Initial = Typed },
            new ChoiceField { Id = "segment", Label = Typed, Choices = [new Choice(Typed, Typed, Typed)], Initial = [Typed] },
        ]);

        var json = SlackBlockKit.Modal(form);

        AssertEscapedOnce(json);
        Assert.Equal(Typed, json["blocks"]!.AsArray().Select(b => b!["element"]?["initial_value"]?.GetValue<string>()).OfType<string>().Single());
    }

    private static void AssertEscapedOnce(JsonNode json)
    {
        var texts = Texts(json).ToList();
        Assert.Contains(texts, t => t.Type == "mrkdwn");
        Assert.Contains(texts, t => t.Type == "plain_text");
        Assert.All(texts.Where(t => t.Type == "mrkdwn"), t => Assert.Contains(Escaped, t.Text, StringComparison.Ordinal));
        Assert.All(texts.Where(t => t.Type == "plain_text" && t.Text.Contains("Fish", StringComparison.Ordinal)), t =>
        {
            Assert.Contains("Fish & Chips", t.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("&amp;", t.Text, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("&amp;amp;", json.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;lt;", json.ToJsonString(), StringComparison.Ordinal);
    }

    private static IEnumerable<(string Type, string Text)> Texts(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is "mrkdwn" or "plain_text" && o["text"] is JsonValue text =>
            [(o["type"]!.GetValue<string>(), text.GetValue<string>())],
        JsonObject o => o.SelectMany(p => Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };
}
