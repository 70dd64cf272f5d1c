using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Validation;
using static CampaignBot.Core.Tests.Campaigns.Problems;

namespace CampaignBot.Core.Tests.Campaigns;

public sealed class RecipientGroupRulesTests
{
    [Fact]
    public void Sub_audience_without_recipient_groups_is_an_error()
    {
        var expected = Error("subAudiences[0].groups",
            "Add at least one recipient group to sub-audience 'Active'; without one nobody in it is sent anything.");

        Assert.Equal([expected], Validate(Drafts.Valid().WithSubAudience(0, s => s with { Groups = null })).Problems);
        Assert.Equal([expected], Validate(Drafts.Valid().WithSubAudience(0, s => s with { Groups = [] })).Problems);
    }

    [Fact]
    public void Ten_recipient_groups_are_accepted()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(2, s => s with { ControlPercent = 10, Groups = Numbered(10, 9) }));

        Assert.Empty(result.Problems);
        Assert.Equal(10, result.Value!.SubAudiences[2].Groups.Count);
    }

    [Fact]
    public void More_than_ten_recipient_groups_are_an_error()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(2, s => s with { ControlPercent = 1, Groups = Numbered(11, 9) }));

        Assert.Equal(
            [Error("subAudiences[2].groups", "Sub-audience 'Everyone else' has 11 recipient groups; use at most 10.")],
            result.Problems);
    }

    [Fact]
    public void Recipient_group_names_must_differ_within_a_sub_audience()
    {
        var result = Validate(Drafts.Valid().WithGroup(0, 1, g => g with { Name = " active EMAIL a " }));

        Assert.Equal(
            [Error("subAudiences[0].groups[1].name",
                "A recipient group called 'active EMAIL a' already exists in the same sub-audience; destination lists are named after the campaign and the group, so each group needs its own name.")],
            result.Problems);
    }

    [Fact]
    public void Recipient_group_names_must_differ_across_the_campaign()
    {
        var result = Validate(Drafts.Valid().WithGroup(2, 0, g => g with { Name = "At risk ads" }));

        Assert.Equal(
            [Error("subAudiences[2].groups[0].name",
                "A recipient group called 'At risk ads' already exists in sub-audience 'At risk'; destination lists are named after the campaign and the group, so each group needs its own name.")],
            result.Problems);
    }

    // The names form tools fill in; lists named "Spring Sale - Recipient 1" mean nothing downstream.
    [Theory]
    [InlineData("Recipient 1")]
    [InlineData("Recipient1")]
    [InlineData("recipient group 2")]
    [InlineData("Treatment 3")]
    [InlineData("TREATMENT GROUP 12")]
    [InlineData("Group 1")]
    [InlineData(" group ")]
    public void Default_group_name_is_a_warning_that_does_not_block(string name)
    {
        var result = Validate(Drafts.Valid().WithGroup(1, 0, g => g with { Name = name }));

        Assert.Equal(
            [Warning("subAudiences[1].groups[0].name",
                $"'{name.Trim()}' is a default group name; destination lists are named after the group, so people downstream won't know what it is for. Name it after what it receives, such as 'Spring email A'.")],
            result.Problems);
        Assert.Equal(name.Trim(), result.Value!.SubAudiences[1].Groups[0].Name);
    }

    [Theory]
    [InlineData("Group A")]
    [InlineData("Treatment email 1")]
    [InlineData("Control group")]
    [InlineData("Recipients of the spring email")]
    public void Descriptive_group_names_are_not_mistaken_for_defaults(string name)
    {
        var result = Validate(Drafts.Valid().WithGroup(1, 0, g => g with { Name = name }));

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Duplicate_default_name_reports_the_duplicate_not_the_default()
    {
        var result = Validate(Drafts.Valid()
            .WithGroup(1, 0, g => g with { Name = "Group 1" })
            .WithGroup(1, 1, g => g with { Name = "group 1" }));

        Assert.Equal(
            [
                ("subAudiences[1].groups[0].name", ProblemSeverity.Warning),
                ("subAudiences[1].groups[1].name", ProblemSeverity.Error),
            ],
            result.Problems.Select(p => (p.Path, p.Severity)));
        Assert.StartsWith("A recipient group called 'group 1' already exists in the same sub-audience;", result.Problems[1].Message);
    }

    [Fact]
    public void A_duplicate_group_in_a_sub_audience_sharing_another_ones_name_points_to_the_right_one()
    {
        var result = Validate(Drafts.Valid()
            .WithSubAudience(1, s => s with { Name = "Active" })
            .WithGroup(1, 1, g => g with { Name = "Active SMS" }));

        var duplicate = Assert.Single(result.Errors, p => p.Path == "subAudiences[1].groups[1].name");
        Assert.StartsWith("A recipient group called 'Active SMS' already exists in sub-audience 'Active';", duplicate.Message);
    }

    private static List<RecipientGroupDraft> Numbered(int count, decimal percent) =>
        Enumerable.Range(1, count).Select(i => Drafts.Group($"Split {i} email", percent)).ToList();
}
