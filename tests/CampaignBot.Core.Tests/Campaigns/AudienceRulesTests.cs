using CampaignBot.Core.Campaigns;
using static CampaignBot.Core.Tests.Campaigns.Problems;

namespace CampaignBot.Core.Tests.Campaigns;

public sealed class AudienceRulesTests
{
    private const string NoInclude = "Choose at least one segment to include; the campaign's audience starts from it.";

    [Fact]
    public void Audience_without_include_segments_is_an_error()
    {
        Assert.Equal([Error("audience.include", NoInclude)], Validate(Drafts.Valid() with { Audience = null }).Problems);
        Assert.Equal(
            [Error("audience.include", NoInclude)],
            Validate(Drafts.Valid() with { Audience = new AudienceDraft { Include = [], Exclude = ["Recent buyers"] } }).Problems);
    }

    [Fact]
    public void Exclude_segments_are_optional()
    {
        var result = Validate(Drafts.Valid() with { Audience = new AudienceDraft { Include = ["High CLV"] } });

        Assert.Empty(result.Problems);
        Assert.Empty(result.Value!.Audience.ExcludeSegments);
    }

    [Fact]
    public void Blank_segment_names_are_errors_in_either_list()
    {
        var draft = Drafts.Valid() with { Audience = new AudienceDraft { Include = ["High CLV", " "], Exclude = [null] } };

        var result = Validate(draft);

        Assert.Equal(
            [
                Error("audience.include[1]", "A segment name is blank; choose a segment or remove the entry."),
                Error("audience.exclude[0]", "A segment name is blank; choose a segment or remove the entry."),
            ],
            result.Problems);
    }

    [Fact]
    public void Segment_included_twice_is_an_error()
    {
        var draft = Drafts.Valid() with { Audience = new AudienceDraft { Include = ["High CLV", "Loyalty members", " high clv "] } };

        Assert.Equal(
            [Error("audience.include[2]", "'high clv' is included twice; remove the repeat.")],
            Validate(draft).Problems);
    }

    [Fact]
    public void Segment_excluded_twice_is_an_error()
    {
        var draft = Drafts.Valid() with { Audience = new AudienceDraft { Include = ["High CLV"], Exclude = ["Recent buyers", "RECENT BUYERS"] } };

        Assert.Equal(
            [Error("audience.exclude[1]", "'RECENT BUYERS' is excluded twice; remove the repeat.")],
            Validate(draft).Problems);
    }

    [Fact]
    public void Segment_both_included_and_excluded_is_an_error_on_the_exclude_entry()
    {
        var draft = Drafts.Valid() with { Audience = new AudienceDraft { Include = ["High CLV", "Loyalty members"], Exclude = ["Recent buyers", " loyalty MEMBERS "] } };

        Assert.Equal(
            [Error("audience.exclude[1]",
                "'loyalty MEMBERS' is both included and excluded, which removes everyone it brings in; take it out of one of the two lists.")],
            Validate(draft).Problems);
    }
}
