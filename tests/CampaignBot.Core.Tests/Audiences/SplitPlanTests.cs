using CampaignBot.Core.Audiences;

namespace CampaignBot.Core.Tests.Audiences;

public sealed class SplitPlanTests
{
    [Fact]
    public void Each_group_owns_exactly_its_basis_points_of_the_buckets()
    {
        var plan = Splits.For(Splits.SpringSale).Plan;

        var owners = Enumerable.Range(0, SplitHash.Buckets).Select(b => plan.Locate(2, b)).ToList();

        // Everyone else: control 5%, then two groups of 47.5%.
        Assert.Equal(500, owners.Count(s => s.IsControl));
        Assert.Equal(4_750, owners.Count(s => s == new GroupSlot(2, 0)));
        Assert.Equal(4_750, owners.Count(s => s == new GroupSlot(2, 1)));
    }

    [Fact]
    public void Control_takes_the_lowest_buckets_then_groups_follow_in_order()
    {
        var plan = Splits.For(Splits.SpringSale).Plan;

        Assert.Equal(GroupSlot.Control(1), plan.Locate(1, 0));
        Assert.Equal(GroupSlot.Control(1), plan.Locate(1, 1_999));
        Assert.Equal(new GroupSlot(1, 0), plan.Locate(1, 2_000));
        Assert.Equal(new GroupSlot(1, 1), plan.Locate(1, 6_000));
        Assert.Equal(new GroupSlot(1, 1), plan.Locate(1, 9_999));
    }

    [Fact]
    public void Layouts_carry_the_names_marketers_gave()
    {
        var layout = Splits.For(Splits.SpringSale).Plan[1];

        Assert.Equal("At risk", layout.Name);
        Assert.Equal(["At risk email", "At risk ads"], layout.GroupNames);
    }

    [Fact]
    public void A_bucket_outside_the_range_is_refused()
    {
        var plan = Splits.For(Splits.SpringSale).Plan;

        Assert.Throws<ArgumentOutOfRangeException>(() => plan.Locate(0, SplitHash.Buckets));
    }
}
