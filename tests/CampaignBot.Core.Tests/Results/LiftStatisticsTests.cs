using CampaignBot.Core.Results;

namespace CampaignBot.Core.Tests.Results;

public sealed class LiftStatisticsTests
{
    [Fact]
    public void Wilson_interval_matches_newcombes_published_example()
    {
        // Newcombe (1998), Statistics in Medicine 17:857, 81/263: 0.2553 to 0.3662.
        var interval = LiftStatistics.Wilson(81, 263);

        Assert.Equal(0.2553, interval.Lower, 4);
        Assert.Equal(0.3662, interval.Upper, 4);
    }

    [Fact]
    public void Wilson_interval_stays_inside_zero_and_one_at_the_edges()
    {
        Assert.Equal((0.0, 0.0), (LiftStatistics.Wilson(0, 10).Estimate, LiftStatistics.Wilson(0, 10).Lower));
        Assert.Equal(0.2775, LiftStatistics.Wilson(0, 10).Upper, 4);
        Assert.Equal(1.0, LiftStatistics.Wilson(10, 10).Upper);
    }

    [Fact]
    public void Difference_interval_matches_newcombes_published_example()
    {
        // Newcombe (1998), Statistics in Medicine 17:873, method 10, 56/70 against 48/80: 0.0524 to 0.3339.
        var difference = LiftStatistics.Difference(Outcome(70, 56), Outcome(80, 48));

        Assert.Equal(0.2, difference.Estimate, 10);
        Assert.Equal(0.0524, difference.Lower, 4);
        Assert.Equal(0.3339, difference.Upper, 4);
    }

    [Fact]
    public void P_value_of_identical_groups_is_one_and_of_a_large_difference_tiny()
    {
        Assert.Equal(1.0, LiftStatistics.PValue(Outcome(1000, 100), Outcome(1000, 100)), 10);
        Assert.True(LiftStatistics.PValue(Outcome(10_000, 1_200), Outcome(10_000, 1_000)) < 1e-4);
    }

    [Fact]
    public void Relative_lift_is_absent_without_converters_and_centred_on_the_ratio_otherwise()
    {
        Assert.Null(LiftStatistics.RelativeLift(Outcome(100, 0), Outcome(100, 5)));

        var lift = LiftStatistics.RelativeLift(Outcome(10_000, 1_100), Outcome(10_000, 1_000))!;
        Assert.Equal(0.10, lift.Estimate, 10);
        Assert.True(lift.Lower < 0.10 && lift.Upper > 0.10);
    }

    [Fact]
    public void Intervals_cover_a_planted_lift_about_95_times_in_100()
    {
        // 400 seeded experiments with a planted +2 pp conversion and +5.0 revenue per customer: the 95% intervals
        // must contain the truth about 95% of the time (binomial 95% range for 400 trials: 371 to 389).
        var random = new Random(20261206);
        int conversionHits = 0, revenueHits = 0;
        for (var experiment = 0; experiment < 400; experiment++)
        {
            var treated = Simulate(random, 2_000, rate: 0.12, meanOrder: 55);
            var control = Simulate(random, 2_000, rate: 0.10, meanOrder: 50);
            var truthRevenue = (0.12 * 55) - (0.10 * 50);
            var conversion = LiftStatistics.Difference(treated, control);
            var revenue = LiftStatistics.RevenueDifference(treated, control)!;
            conversionHits += conversion.Lower <= 0.02 && 0.02 <= conversion.Upper ? 1 : 0;
            revenueHits += revenue.Lower <= truthRevenue && truthRevenue <= revenue.Upper ? 1 : 0;
        }

        Assert.InRange(conversionHits, 366, 394);
        Assert.InRange(revenueHits, 366, 394);
    }

    [Fact]
    public void Welch_interval_of_equal_groups_contains_zero()
    {
        var revenue = LiftStatistics.RevenueDifference(new GroupOutcome(100, 10, 500m, 30_000m), new GroupOutcome(100, 10, 500m, 30_000m))!;

        Assert.Equal(0, revenue.Estimate, 10);
        Assert.True(revenue.Lower < 0 && revenue.Upper > 0);
    }

    [Fact]
    public void Customers_needed_grow_as_the_lift_to_detect_shrinks()
    {
        var forOnePoint = LiftStatistics.CustomersNeededPerGroup(0.11, 0.10, 0.01);
        var forHalfAPoint = LiftStatistics.CustomersNeededPerGroup(0.105, 0.10, 0.005);

        Assert.InRange(forOnePoint, 14_000, 16_000);
        Assert.True(forHalfAPoint > 3.5 * forOnePoint);
    }

    private static GroupOutcome Outcome(long customers, long converters) => new(customers, converters, converters * 50m, converters * 2_500m);

    // Each customer orders with probability rate, spending meanOrder ± 40%.
    private static GroupOutcome Simulate(Random random, int customers, double rate, double meanOrder)
    {
        long converters = 0;
        decimal revenue = 0, squares = 0;
        for (var i = 0; i < customers; i++)
        {
            if (random.NextDouble() < rate)
            {
                var amount = (decimal)(meanOrder * (0.6 + (0.8 * random.NextDouble())));
                converters++;
                revenue += amount;
                squares += amount * amount;
            }
        }

        return new GroupOutcome(customers, converters, revenue, squares);
    }
}
