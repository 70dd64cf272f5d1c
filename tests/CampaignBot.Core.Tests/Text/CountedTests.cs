using CampaignBot.Core.Text;

namespace CampaignBot.Core.Tests.Text;

public sealed class CountedTests
{
    [Theory]
    [InlineData(0, "row", "0 rows")]
    [InlineData(1, "row", "1 row")]
    [InlineData(2, "delivery", "2 deliveries")]
    [InlineData(10_000, "profile", "10,000 profiles")]
    [InlineData(1, "approval", "1 approval")]
    public void Counts_agree_with_their_noun(long count, string noun, string expected) => Assert.Equal(expected, Counted.Of(count, noun));

    [Theory]
    [InlineData(1.0, "1 point")]
    [InlineData(0.99996, "1 point")]
    [InlineData(1.04, "1 point")]
    [InlineData(1.06, "1.1 points")]
    [InlineData(2.5, "2.5 points")]
    [InlineData(0.5, "0.5 points")]
    public void Measures_agree_with_the_number_as_shown(double amount, string expected) => Assert.Equal(expected, Counted.Of(amount, "point", "0.#"));
}
