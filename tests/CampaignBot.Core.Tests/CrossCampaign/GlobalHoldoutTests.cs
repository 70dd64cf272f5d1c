using CampaignBot.Core.Audiences;
using CampaignBot.Core.CrossCampaign;
using CampaignBot.Core.Tests.Audiences;

namespace CampaignBot.Core.Tests.CrossCampaign;

public sealed class GlobalHoldoutTests
{
    private const int Customers = 100_000;

    private static GlobalHoldout Holdout(decimal percent, string salt = HoldoutOptions.DefaultSalt) =>
        GlobalHoldout.From(new HoldoutOptions { Percent = percent, Salt = salt })!;

    [Theory]
    [InlineData(2.5)]
    [InlineData(5)]
    [InlineData(10)]
    public void Holdout_share_comes_within_half_a_point_of_its_percent_at_100k(double percent)
    {
        var holdout = Holdout((decimal)percent);

        var share = Splits.Customers(Customers).Count(holdout.Holds) * 100.0 / Customers;

        Assert.InRange(share, percent - 0.5, percent + 0.5);
    }

    [Fact]
    public void Holdout_is_sticky_a_customer_is_held_out_on_every_evaluation_and_whoever_else_arrives()
    {
        var before = Splits.Customers(10_000).Where(Holdout(5).Holds).ToHashSet();

        // Next run: the same people plus 30,000 new ones, in another order, through a fresh instance.
        var after = Splits.Customers(40_000).Reverse().Where(Holdout(5).Holds).ToHashSet();

        Assert.NotEmpty(before);
        Assert.True(before.IsSubsetOf(after));
        Assert.Equal(before, after.Where(c => string.CompareOrdinal(c, "C0010000") < 0).ToHashSet());
    }

    [Fact]
    public void Holdout_is_independent_of_campaign_splits_by_chi_square()
    {
        // Held out or not, against the customer's group in a campaign: control, first or second recipient group.
        var holdout = Holdout(10);
        var spring = Splits.For(Splits.SpringSale);
        var table = new long[2, 3];
        foreach (var customer in Splits.Customers(Customers))
        {
            table[holdout.Holds(customer) ? 1 : 0, spring.Assign(customer, 0).Group + 1]++;
        }

        // (2-1)(3-1) = 2 degrees of freedom; 13.82 is the p = 0.001 critical value.
        Assert.InRange(ChiSquare.Independence(table), 0, 13.82);
    }

    [Fact]
    public void Holdout_buckets_are_unrelated_to_any_campaigns_buckets()
    {
        var salted = new SplitHash(HoldoutOptions.DefaultSalt);
        foreach (var campaign in new[] { Splits.SpringSale, Splits.SummerSale })
        {
            var split = Splits.For(campaign);

            var pairs = Splits.Customers(Customers).Select(c => (salted.BucketOf(c), split.BucketOf(c))).ToList();

            Assert.InRange(ChiSquare.Correlation(pairs), -0.015, 0.015);
        }
    }

    [Fact]
    public void Holdout_draws_with_the_split_bucket_under_its_own_salt()
    {
        var holdout = Holdout(20.25m, "spring-2027");
        var hash = new SplitHash("spring-2027");

        Assert.Equal(2025, holdout.Buckets);
        Assert.All(Splits.Customers(5_000), c => Assert.Equal(hash.BucketOf(c) < 2025, holdout.Holds(c)));
    }

    [Fact]
    public void Holdout_of_zero_percent_is_no_holdout()
    {
        Assert.Null(GlobalHoldout.From(new HoldoutOptions()));
    }

    [Theory]
    [InlineData("-1", "Holdout:Percent must be between 0 and 50")]
    [InlineData("50.01", "Holdout:Percent must be between 0 and 50")]
    [InlineData("120", "it is 120.")]
    [InlineData("2.125", "Holdout:Percent takes at most two decimals")]
    public void Holdout_percent_out_of_range_or_finer_than_a_basis_point_is_refused_by_name(string percent, string expected)
    {
        var problems = new HoldoutOptions { Percent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture) }.Problems();

        Assert.Contains(expected, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" ", "Holdout:Salt must not be empty")]
    [InlineData("7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f", "Holdout:Salt must not be a GUID")]
    public void Holdout_salt_that_is_blank_or_could_be_a_campaigns_split_key_is_refused(string salt, string expected)
    {
        var problems = new HoldoutOptions { Percent = 5, Salt = salt }.Problems();

        Assert.Contains(expected, Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("50")]
    public void Holdout_percent_from_zero_to_fifty_in_basis_points_is_accepted(string percent)
    {
        Assert.Empty(new HoldoutOptions { Percent = decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture) }.Problems());
    }
}
