using CampaignBot.Core.Results;

namespace CampaignBot.Core.Tests.Results;

public sealed class LiftVerdictTests
{
    [Fact]
    public void A_clear_lift_reads_as_worked_with_its_interval_in_points()
    {
        var result = LiftVerdict.Compare("Email", Outcome(200_000, 23_000), Outcome(200_000, 20_800));

        Assert.True(result.Measurable);
        Assert.Equal("+1.1 pp, 95% CI +0.9 to +1.3: Email worked", result.Verdict);
    }

    [Fact]
    public void A_clear_loss_reads_as_worse_than_control()
    {
        var result = LiftVerdict.Compare("Email", Outcome(200_000, 20_000), Outcome(200_000, 22_000));

        Assert.True(result.Measurable);
        Assert.EndsWith(": Email did worse than its control", result.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void A_small_test_is_not_yet_measurable_and_says_how_many_more_customers_it_needs()
    {
        var result = LiftVerdict.Compare("Email", Outcome(2_000, 230), Outcome(2_000, 210));

        Assert.False(result.Measurable);
        Assert.StartsWith("not yet measurable (+1.0 pp, 95% CI", result.Verdict, StringComparison.Ordinal);
        Assert.Contains("more customers needed", result.Verdict, StringComparison.Ordinal);
        Assert.InRange(result.MoreCustomersNeeded, 20_000, 40_000);
    }

    [Fact]
    public void A_handful_of_converters_is_never_called_a_result()
    {
        var result = LiftVerdict.Compare("SMS", Outcome(50, 4), Outcome(50, 0));

        Assert.False(result.Measurable);
        Assert.StartsWith("not yet measurable", result.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Points_are_signed_with_one_decimal()
    {
        Assert.Equal("+1.1 pp", LiftVerdict.Points(0.011));
        Assert.Equal("-0.4 pp", LiftVerdict.Points(-0.004));
        Assert.Equal("0.0 pp", LiftVerdict.Points(0));
    }

    private static GroupOutcome Outcome(long customers, long converters) => new(customers, converters, converters * 50m, converters * 2_500m);
}
