using System.Globalization;
using CampaignBot.Core.Campaigns;

namespace CampaignBot.Core.Tests.Campaigns;

public sealed class PercentageTests
{
    [Theory]
    [InlineData("12.5", 1250)]
    [InlineData("12.25", 1225)]
    [InlineData("12.50", 1250)]
    [InlineData("0.01", 1)]
    [InlineData("100", 10_000)]
    [InlineData("0", 0)]
    public void Percents_with_at_most_two_decimals_convert_to_exact_basis_points(string percent, int basisPoints)
    {
        Assert.True(Percentage.TryFromPercent(Typed(percent), out var value));
        Assert.Equal(basisPoints, value.BasisPoints);
        Assert.Equal(Typed(percent), value.Percent);
    }

    [Theory]
    [InlineData("12.125")]
    [InlineData("0.001")]
    [InlineData("99.999")]
    public void Percents_finer_than_two_decimals_are_refused(string percent)
    {
        Assert.False(Percentage.TryFromPercent(Typed(percent), out var value));
        Assert.Equal(Percentage.Zero, value);
    }

    [Fact]
    public void Huge_percents_are_refused_rather_than_overflowing()
    {
        Assert.False(Percentage.TryFromPercent(decimal.MaxValue, out _));
        Assert.False(Percentage.TryFromPercent(decimal.MinValue, out _));
    }

    [Fact]
    public void Thirds_written_with_two_decimals_add_up_to_exactly_a_hundred()
    {
        Percentage Read(decimal percent) => Percentage.TryFromPercent(percent, out var value) ? value : throw new InvalidOperationException();

        var total = Read(33.33m) + Read(33.33m) + Read(33.34m);

        Assert.Equal(Percentage.Hundred, total);
        Assert.Equal(Percentage.Whole, total.BasisPoints);
    }

    [Theory]
    [InlineData(1250, "12.5%")]
    [InlineData(1225, "12.25%")]
    [InlineData(10_000, "100%")]
    [InlineData(1, "0.01%")]
    [InlineData(0, "0%")]
    public void Shows_as_a_percent_without_trailing_zeros(int basisPoints, string shown)
    {
        Assert.Equal(shown, new Percentage(basisPoints).ToString());
    }

    [Fact]
    public void Shows_with_a_decimal_point_whatever_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("47.5%", new Percentage(4750).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Orders_by_size()
    {
        var sorted = new[] { new Percentage(4500), Percentage.Hundred, Percentage.Zero, new Percentage(1) }.Order().ToList();

        Assert.Equal(new[] { 0, 1, 4500, 10_000 }, sorted.Select(p => p.BasisPoints));
    }

    private static decimal Typed(string percent) => decimal.Parse(percent, CultureInfo.InvariantCulture);
}
