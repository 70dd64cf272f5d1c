using CampaignBot.Chat.Teams.Activities;

namespace CampaignBot.Chat.Teams.Tests.Activities;

public sealed class TeamsMessageTextTests
{
    private static readonly string[] BotMention = ["<at>CampaignBot</at>"];

    private static TeamsMessageText.Normalized Normalize(string text, bool withEntity = true) =>
        TeamsMessageText.Normalize(text, withEntity ? BotMention : [], "CampaignBot");

    [Theory]
    [InlineData("<at>CampaignBot</at> show Spring sale", "show Spring sale")]
    [InlineData("<p><at>CampaignBot</at>&nbsp;show <b>Spring</b> sale</p>", "show Spring sale")]
    [InlineData("please <at>CampaignBot</at> list", "please list")]
    [InlineData("  show    Spring\tsale  ", "show Spring sale")]
    [InlineData("<div>new</div><div>Spring sale</div>", "new\nSpring sale")]
    [InlineData("new<br>Spring sale<br/>", "new\nSpring sale")]
    public void Mention_and_markup_are_removed(string text, string expected)
    {
        Assert.Equal(expected, Normalize(text).Text);
    }

    [Theory]
    [InlineData("show Tom &amp;amp; Jerry", "show Tom &amp; Jerry")]
    [InlineData("show &lt;b&gt;bold&lt;/b&gt;", "show <b>bold</b>")]
    [InlineData("show Q&amp;A &#128512;", "show Q&A 😀")]
    [InlineData("show &quot;Spring&quot; &#39;26", "show \"Spring\" '26")]
    public void Entities_are_decoded_exactly_once_and_decoded_tags_stay_text(string text, string expected)
    {
        Assert.Equal(expected, Normalize(text).Text);
    }

    [Fact]
    public void A_lone_angle_bracket_is_not_a_tag()
    {
        Assert.Equal("explain a < b > c", Normalize("explain a < b > c").Text);
    }

    [Fact]
    public void Another_persons_mention_keeps_their_name()
    {
        var text = Normalize("<at>CampaignBot</at> ask <at>Omar Approver</at> to approve");

        Assert.Equal("ask Omar Approver to approve", text.Text);
        Assert.True(text.MentionedBot);
    }

    [Fact]
    public void The_bots_name_in_an_at_tag_counts_as_its_mention_without_an_entity()
    {
        var text = Normalize("<at>campaignbot</at> help", withEntity: false);

        Assert.Equal(("help", true), (text.Text, text.MentionedBot));
    }

    [Fact]
    public void Text_without_a_mention_says_so()
    {
        Assert.False(Normalize("help").MentionedBot);
    }
}
