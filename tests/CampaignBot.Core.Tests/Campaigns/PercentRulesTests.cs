using System.Globalization;
using static CampaignBot.Core.Tests.Campaigns.Problems;

namespace CampaignBot.Core.Tests.Campaigns;

// Messages that print a decimal the user typed are pinned in the invariant culture, which is how the suite runs.
public sealed class PercentRulesTests
{
    [Fact]
    public void Recipient_group_without_a_percent_is_an_error()
    {
        var result = Validate(Drafts.Valid().WithGroup(0, 1, g => g with { Percent = null }));

        Assert.Equal(
            [Error("subAudiences[0].groups[1].percent", "Give recipient group 'Active SMS' a percent of the sub-audience.")],
            result.Problems);
    }

    [Theory]
    [InlineData("-5", "-5%")]
    [InlineData("100.01", "100.01%")]
    [InlineData("150", "150%")]
    public void Recipient_group_percent_outside_zero_to_hundred_is_an_error(string percent, string shown)
    {
        var result = Validate(Drafts.Valid().WithGroup(0, 1, g => g with { Percent = Typed(percent) }));

        Assert.Equal(
            [Error("subAudiences[0].groups[1].percent", $"The share of recipient group 'Active SMS' is {shown}; a percent must be between 0 and 100.")],
            result.Problems);
    }

    [Fact]
    public void Recipient_group_percent_with_more_than_two_decimals_is_an_error()
    {
        var result = Validate(Drafts.Valid().WithGroup(0, 1, g => g with { Percent = 44.995m }));

        Assert.Equal(
            [Error("subAudiences[0].groups[1].percent", "The share of recipient group 'Active SMS' is 44.995%; use at most two decimals (12.5 or 12.25, not 12.125).")],
            result.Problems);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    public void Recipient_group_with_zero_percent_is_an_error(string percent)
    {
        var result = Validate(Drafts.Valid().WithGroup(0, 1, g => g with { Percent = Typed(percent) }));

        Assert.Equal(
            [Error("subAudiences[0].groups[1].percent", "Recipient group 'Active SMS' has 0%; give it a share above 0% or remove it.")],
            result.Problems);
    }

    [Fact]
    public void Unnamed_recipient_group_is_described_by_position_in_percent_messages()
    {
        var result = Validate(Drafts.Valid().WithGroup(0, 1, g => g with { Name = null, Percent = 0 }));

        Assert.Equal(
            [
                Error("subAudiences[0].groups[1].name", "Give recipient group 2 of sub-audience 'Active' a name."),
                Error("subAudiences[0].groups[1].percent", "Recipient group 2 of sub-audience 'Active' has 0%; give it a share above 0% or remove it."),
            ],
            result.Problems);
    }

    [Fact]
    public void Control_and_groups_that_add_up_to_less_than_a_hundred_are_an_error()
    {
        var result = Validate(Drafts.Valid().WithGroup(0, 1, g => g with { Percent = 40 }));

        Assert.Equal(
            [Error("subAudiences[0].groups",
                "In sub-audience 'Active' the control group (10%) and recipient groups (45% + 40%) add up to 95%; they must add up to 100%.")],
            result.Problems);
    }

    [Fact]
    public void Control_and_groups_that_add_up_to_more_than_a_hundred_are_an_error_with_exact_decimals()
    {
        var result = Validate(Drafts.Valid().WithGroup(2, 1, g => g with { Percent = 47.55m }));

        Assert.Equal(
            [Error("subAudiences[2].groups",
                "In sub-audience 'Everyone else' the control group (5%) and recipient groups (47.5% + 47.55%) add up to 100.05%; they must add up to 100%.")],
            result.Problems);
    }

    [Fact]
    public void Two_decimal_shares_that_add_up_to_exactly_a_hundred_are_accepted()
    {
        var draft = Drafts.Valid().WithSubAudience(2, s => s with
        {
            ControlPercent = 0.01m,
            Groups = [Drafts.Group("Thirds A", 33.33m), Drafts.Group("Thirds B", 33.33m), Drafts.Group("Thirds C", 33.33m)],
        });

        var result = Validate(draft);

        Assert.Empty(result.Problems);
        Assert.Equal(new[] { 3333, 3333, 3333 }, result.Value!.SubAudiences[2].Groups.Select(g => g.Percent.BasisPoints));
        Assert.Equal(1, result.Value.SubAudiences[2].ControlPercent.BasisPoints);
    }

    [Fact]
    public void Missing_control_percent_means_no_control_group_which_is_a_warning()
    {
        var draft = Drafts.Valid().WithSubAudience(0, s => s with
        {
            ControlPercent = null,
            Groups = [Drafts.Group("Active email A", 50), Drafts.Group("Active SMS", 50)],
        });

        var result = Validate(draft);

        Assert.Equal(
            [Warning("subAudiences[0].controlPercent",
                "Sub-audience 'Active' has no control group, so you can't measure its lift against customers who received nothing.")],
            result.Problems);
        Assert.Equal(0, result.Value!.SubAudiences[0].ControlPercent.BasisPoints);
    }

    [Fact]
    public void Missing_control_percent_still_requires_the_groups_to_fill_a_hundred()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(0, s => s with { ControlPercent = null }));

        Assert.Equal(
            [
                Warning("subAudiences[0].controlPercent",
                    "Sub-audience 'Active' has no control group, so you can't measure its lift against customers who received nothing."),
                Error("subAudiences[0].groups",
                    "In sub-audience 'Active' the control group (0%) and recipient groups (45% + 45%) add up to 90%; they must add up to 100%."),
            ],
            result.Problems);
    }

    [Fact]
    public void Control_group_of_a_hundred_percent_is_an_error()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(1, s => s with { ControlPercent = 100 }));

        Assert.Equal(
            [Error("subAudiences[1].controlPercent",
                "The control group of sub-audience 'At risk' is 100%, so nobody would receive the campaign; lower it.")],
            result.Problems);
    }

    [Theory]
    [InlineData("-1", "-1%")]
    [InlineData("101", "101%")]
    public void Control_percent_outside_zero_to_hundred_is_an_error(string percent, string shown)
    {
        var result = Validate(Drafts.Valid().WithSubAudience(1, s => s with { ControlPercent = Typed(percent) }));

        Assert.Equal(
            [Error("subAudiences[1].controlPercent", $"The control group of sub-audience 'At risk' is {shown}; a percent must be between 0 and 100.")],
            result.Problems);
    }

    [Fact]
    public void Control_percent_with_more_than_two_decimals_is_an_error()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(1, s => s with { ControlPercent = 20.005m }));

        Assert.Equal(
            [Error("subAudiences[1].controlPercent",
                "The control group of sub-audience 'At risk' is 20.005%; use at most two decimals (12.5 or 12.25, not 12.125).")],
            result.Problems);
    }

    /// <summary>The decimal as JSON would bind it, trailing zeros included.</summary>
    [Fact]
    public void Percents_in_messages_use_a_decimal_point_whatever_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var result = Validate(Drafts.Valid().WithGroup(0, 1, g => g with { Percent = 44.995m }));

            Assert.Contains(result.Errors, p => p.Message.Contains("is 44.995%;", StringComparison.Ordinal));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static decimal Typed(string percent) => decimal.Parse(percent, CultureInfo.InvariantCulture);
}
