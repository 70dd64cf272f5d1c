using CampaignBot.Core.Text;

namespace CampaignBot.Core.Tests.Text;

public sealed class TextElementsTests
{
    [Theory]
    [InlineData("abcdef", 4, "abc…")]
    [InlineData("abc", 3, "abc")]
    [InlineData("ab😀cd", 4, "ab…")]
    [InlineData("ab👩‍💻cd", 7, "ab…")]
    [InlineData("ab👩‍💻cd", 8, "ab👩‍💻…")]
    [InlineData("ab🇫🇷cd", 6, "ab…")]
    [InlineData("abe\u0301\u0301cd", 5, "ab…")]
    public void Truncate_keeps_whole_characters_within_the_limit(string text, int max, string expected)
    {
        var cut = TextElements.Truncate(text, max);

        Assert.Equal(expected, cut);
        Assert.True(cut.Length <= max);
    }

    [Fact]
    public void Prefix_never_leaves_half_a_surrogate_pair_or_a_dangling_joiner()
    {
        const string text = "Sale 👨‍👩‍👧‍👦 family";

        for (var max = 0; max <= text.Length; max++)
        {
            var prefix = TextElements.Prefix(text, max);
            Assert.True(prefix.Length <= max);
            Assert.StartsWith(prefix, text, StringComparison.Ordinal);
            Assert.False(prefix.Length > 0 && char.IsHighSurrogate(prefix[^1]));
            Assert.False(prefix.EndsWith('\u200D'));
        }
    }
}
