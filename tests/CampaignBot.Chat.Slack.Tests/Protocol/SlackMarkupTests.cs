using CampaignBot.Chat.Slack;
using CampaignBot.Chat.Slack.Protocol;
using CampaignBot.Chat.Slack.BlockKit;

namespace CampaignBot.Chat.Slack.Tests.Protocol;

public sealed class SlackMarkupTests
{
    [Theory]
    [InlineData("show Spring sale", "show Spring sale")]
    [InlineData("show Fish &amp; Chips", "show Fish & Chips")]
    [InlineData("segment new X where lifetime_value &gt; 2000", "segment new X where lifetime_value > 2000")]
    [InlineData("a &lt;= b &amp;&amp; c", "a <= b && c")]
    [InlineData("&amp;lt; typed literally", "&lt; typed literally")]
    [InlineData("R&D &copy; &amp", "R&D &copy; &amp")]
    [InlineData("<@U0BOT> list", "@U0BOT list")]
    [InlineData("<@U024BE7LH|bob> hi", "@U024BE7LH hi")]
    [InlineData("in <#C1234|general> and <#C9999>", "in #general and #C9999")]
    [InlineData("<!here> <!channel> <!everyone>", "@here @channel @everyone")]
    [InlineData("<!subteam^SAZ94GDB8|@marketing> and <!subteam^SAZ94GDB8>", "@marketing and @SAZ94GDB8")]
    [InlineData("<!date^1392734382^{date_short}|Feb 18, 2014>", "Feb 18, 2014")]
    [InlineData("explain <mailto:dana@example.com|dana@example.com> in X", "explain dana@example.com in X")]
    [InlineData("<mailto:dana@example.com?subject=hi|Dana>", "dana@example.com")]
    [InlineData("<tel:+15555550100|+1 555 555 0100>", "+1 555 555 0100")]
    [InlineData("see <https://example.com/a?b=1&amp;c=2|the report>", "see https://example.com/a?b=1&c=2")]
    [InlineData("<https://example.com/x>", "https://example.com/x")]
    [InlineData("show <http://shop.com|shop.com> launch", "show shop.com launch")]
    [InlineData("unclosed < and > alone", "unclosed < and > alone")]
    [InlineData("a <b> c", "a <b> c")]
    [InlineData("<>", "")]
    [InlineData("", "")]
    public void Slack_text_becomes_what_the_person_typed(string slack, string plain) =>
        Assert.Equal(plain, SlackMarkup.ToPlainText(slack));

    [Theory]
    [InlineData("Fish & Chips")]
    [InlineData("a < b > c")]
    [InlineData("&amp; typed")]
    [InlineData("<!channel>")]
    public void Escaping_then_decoding_gives_the_text_back(string typed) =>
        Assert.Equal(typed, SlackMarkup.ToPlainText(SlackText.Escape(typed)));
}
