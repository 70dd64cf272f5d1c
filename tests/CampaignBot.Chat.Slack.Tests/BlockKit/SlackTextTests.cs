using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Chat.Slack.Tests.BlockKit;

public sealed class SlackTextTests
{
    [Theory]
    [InlineData("Spring sale", "Spring sale")]
    [InlineData("Tom & Jerry's <b>", "Tom &amp; Jerry's &lt;b&gt;")]
    [InlineData("<!channel> launch", "&lt;!channel&gt; launch")]
    [InlineData("<@U123|boss>", "&lt;@U123|boss&gt;")]
    [InlineData("&lt;", "&amp;lt;")]
    public void Escape_replaces_only_ampersand_and_angle_brackets(string input, string expected) =>
        Assert.Equal(expected, SlackText.Escape(input));

    [Fact]
    public void Truncate_keeps_short_text_unchanged() => Assert.Equal("hello", SlackText.Truncate("hello", 5));

    [Fact]
    public void Truncate_cuts_to_the_limit_with_an_ellipsis()
    {
        var cut = SlackText.Truncate("abcdefghij", 5);
        Assert.Equal("abcd…", cut);
        Assert.Equal(5, cut.Length);
    }

    [Fact]
    public void Truncate_never_splits_a_surrogate_pair()
    {
        var cut = SlackText.Truncate("abc😀def", 5);
        Assert.Equal("abc…", cut);
        Assert.True(cut.Length <= 5);
        Assert.DoesNotContain(cut, char.IsSurrogate);
    }

    [Fact]
    public void Truncate_keeps_emoji_sequences_whole()
    {
        Assert.Equal("abc…", SlackText.Truncate("abc👩‍💻def", 7));
        Assert.Equal("abc👩‍💻…", SlackText.Truncate("abc👩‍💻def", 9));
        Assert.Equal("…", SlackText.Truncate("👨‍👩‍👧‍👦", 4));
    }

    [Fact]
    public void Truncate_never_leaves_half_an_escaped_entity() =>
        Assert.Equal("Tom …", SlackText.Truncate(SlackText.Escape("Tom & Jerry"), 8));
}
