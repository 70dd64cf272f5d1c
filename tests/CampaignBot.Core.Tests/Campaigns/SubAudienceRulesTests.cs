using CampaignBot.Core.Campaigns;
using static CampaignBot.Core.Tests.Campaigns.Problems;

namespace CampaignBot.Core.Tests.Campaigns;

public sealed class SubAudienceRulesTests
{
    [Fact]
    public void Campaign_without_sub_audiences_is_an_error()
    {
        var expected = Error("subAudiences", "Add at least one sub-audience. To send to the whole audience, add a single catch-all sub-audience.");

        Assert.Equal([expected], Validate(Drafts.Valid() with { SubAudiences = null }).Problems);
        Assert.Equal([expected], Validate(Drafts.Valid() with { SubAudiences = [] }).Problems);
    }

    [Fact]
    public void Twenty_five_sub_audiences_are_accepted()
    {
        var result = Validate(Drafts.Valid() with { SubAudiences = Numbered(SubAudienceRules.MaxSubAudiences) });

        Assert.Empty(result.Problems);
        Assert.Equal(25, result.Value!.SubAudiences.Count);
    }

    [Fact]
    public void More_than_twenty_five_sub_audiences_are_an_error()
    {
        var result = Validate(Drafts.Valid() with { SubAudiences = Numbered(26) });

        Assert.Equal([Error("subAudiences", "The campaign has 26 sub-audiences; use at most 25.")], result.Problems);
    }

    [Fact]
    public void Sub_audience_names_must_differ_ignoring_case_and_spaces()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(1, s => s with { Name = " ACTIVE " }));

        Assert.Equal(
            [Error("subAudiences[1].name", "Another sub-audience is already called 'ACTIVE'; give each its own name.")],
            result.Problems);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Sub_audience_that_is_not_the_catch_all_needs_a_segment(string? segment)
    {
        var result = Validate(Drafts.Valid().WithSubAudience(0, s => s with { Segment = segment }));

        Assert.Equal(
            [Error("subAudiences[0].segment", "Choose the segment that defines sub-audience 'Active', or make it the catch-all.")],
            result.Problems);
    }

    [Fact]
    public void Unnamed_sub_audience_is_described_by_position_in_other_messages()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(0, s => s with { Name = null, Segment = null }));

        Assert.Equal(
            [
                Error("subAudiences[0].name", "Give sub-audience 1 a name."),
                Error("subAudiences[0].segment", "Choose the segment that defines sub-audience 1, or make it the catch-all."),
            ],
            result.Problems);
    }

    [Fact]
    public void Catch_all_with_a_segment_is_an_error()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(2, s => s with { Segment = "Lapsed customers" }));

        Assert.Equal(
            [Error("subAudiences[2].segment",
                "Sub-audience 'Everyone else' is the catch-all, which takes everyone no earlier sub-audience matched; remove its segment or turn catch-all off.")],
            result.Problems);
    }

    [Fact]
    public void Blank_segment_on_the_catch_all_is_ignored()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(2, s => s with { Segment = "  " }));

        Assert.Empty(result.Problems);
        Assert.True(result.Value!.SubAudiences[2].IsCatchAll);
    }

    [Fact]
    public void Second_catch_all_is_an_error()
    {
        var draft = Drafts.Valid() with
        {
            SubAudiences = [.. Drafts.Valid().SubAudiences!, Drafts.SubAudience("Leftovers", null, 10, Drafts.Group("Leftover email", 90))],
        };

        var result = Validate(draft);

        Assert.Equal(
            [Error("subAudiences[3].catchAll", "Only one sub-audience can be the catch-all, and sub-audience 'Everyone else' already is.")],
            result.Problems);
    }

    [Fact]
    public void Catch_all_before_another_sub_audience_is_an_error_reported_once_at_the_catch_all()
    {
        var valid = Drafts.Valid().SubAudiences!;
        var draft = Drafts.Valid() with { SubAudiences = [valid[2], valid[0], valid[1]] };

        var result = Validate(draft);

        Assert.Equal(
            [Error("subAudiences[0].catchAll",
                "The catch-all sub-audience 'Everyone else' must come last: sub-audiences match in order, so sub-audience 'Active' after it would never receive anyone.")],
            result.Problems);
    }

    [Theory]
    [InlineData("Recent buyers")]
    [InlineData(" recent BUYERS ")]
    public void Segment_that_the_audience_excludes_is_a_warning(string segment)
    {
        var result = Validate(Drafts.Valid().WithSubAudience(1, s => s with { Segment = segment }));

        Assert.Equal(
            [Warning("subAudiences[1].segment",
                $"'{segment.Trim()}' is excluded from the audience, so sub-audience 'At risk' will always be empty.")],
            result.Problems);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Segment_already_used_by_an_earlier_sub_audience_is_a_warning()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(1, s => s with { Segment = "active CUSTOMERS" }));

        Assert.Equal(
            [Warning("subAudiences[1].segment",
                "Sub-audience 'Active' uses 'active CUSTOMERS' too and matches first, so sub-audience 'At risk' will always be empty.")],
            result.Problems);
        Assert.Equal("active CUSTOMERS", result.Value!.SubAudiences[1].Segment);
    }

    [Fact]
    public void Definition_keeps_sub_audiences_in_match_order()
    {
        var valid = Drafts.Valid().SubAudiences!;

        var result = Validate(Drafts.Valid() with { SubAudiences = [valid[1], valid[0], valid[2]] });

        Assert.Equal(new[] { "At risk", "Active", "Everyone else" }, result.Value!.SubAudiences.Select(s => s.Name));
    }

    private static List<SubAudienceDraft> Numbered(int count) =>
        Enumerable.Range(1, count)
            .Select(i => Drafts.SubAudience($"Part {i}", $"Segment {i}", 10, Drafts.Group($"Part {i} email", 90)))
            .ToList();
}
