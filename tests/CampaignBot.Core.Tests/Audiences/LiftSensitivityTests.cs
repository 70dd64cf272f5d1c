using CampaignBot.Core.Audiences;

namespace CampaignBot.Core.Tests.Audiences;

public sealed class LiftSensitivityTests
{
    [Fact]
    public void A_control_of_ten_thousand_beside_ninety_thousand_shows_under_a_point_of_lift()
    {
        var lift = LiftSensitivity.MinimumDetectableLift(10_000, 90_000);

        Assert.InRange(lift, 0.0063, 0.0065);
        Assert.False(LiftSensitivity.IsTooSmall(10_000, 90_000));
    }

    [Fact]
    public void A_control_of_five_hundred_cannot_show_a_realistic_lift()
    {
        Assert.True(LiftSensitivity.MinimumDetectableLift(500, 50_000) > 0.02);
        Assert.True(LiftSensitivity.IsTooSmall(500, 50_000));
    }

    [Fact]
    public void No_control_is_not_a_too_small_control_and_an_empty_group_measures_nothing()
    {
        Assert.False(LiftSensitivity.IsTooSmall(0, 50_000));
        Assert.Equal(double.PositiveInfinity, LiftSensitivity.MinimumDetectableLift(1_000, 0));
    }
}
