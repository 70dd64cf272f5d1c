using System.Globalization;
using CampaignBot.Core.Destinations;

namespace CampaignBot.Core.Tests.Destinations;

public sealed class ValueTextTests
{
    [Fact]
    public void Values_read_the_same_whatever_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal(
                ["1234.5", "0.25", "2026-01-31", "2026-01-31", "2026-01-31T08:30:00", "true", "C1", null],
                new object?[] { 1234.5m, 0.25d, new DateOnly(2026, 1, 31), new DateTime(2026, 1, 31), new DateTime(2026, 1, 31, 8, 30, 0), true, "C1", null }.Select(ValueText.Of));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
