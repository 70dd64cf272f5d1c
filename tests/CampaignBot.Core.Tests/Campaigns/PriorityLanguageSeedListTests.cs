using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Seeds;
using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Tests.Campaigns;

public sealed class PriorityLanguageSeedListTests
{
    [Theory]
    [InlineData("en-US", "en-US")]
    [InlineData("fr-ca", "fr-CA")]
    [InlineData(" es ", "es")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    public void Well_formed_known_language_tags_are_kept_in_canonical_case(string written, string tag)
    {
        var problems = new ProblemList();

        var language = CampaignLanguage.Check(written, problems);

        Assert.Empty(problems.Items);
        Assert.Equal(tag, language!.Tag);
    }

    [Theory]
    [InlineData("english")]
    [InlineData("en_US")]
    [InlineData("qq-ZZ")]
    [InlineData("")]
    [InlineData("en-US-")]
    public void Anything_else_is_a_problem_on_language(string written)
    {
        var problems = new ProblemList();

        Assert.Null(CampaignLanguage.Check(written, problems));

        Assert.Equal("language", Assert.Single(problems.Items).Path);
    }

    [Theory]
    [InlineData(null, CampaignPriority.Normal)]
    [InlineData("HIGH", CampaignPriority.High)]
    [InlineData(" low ", CampaignPriority.Low)]
    public void Priority_is_high_normal_or_low_and_normal_when_left_out(string? written, CampaignPriority expected)
    {
        var problems = new ProblemList();

        Assert.Equal(expected, CampaignPriorityRules.Check(written, problems));
        Assert.Empty(problems.Items);
    }

    [Fact]
    public void Seed_entries_are_checked_like_customer_identifiers_with_every_problem_at_once()
    {
        var problems = new ProblemList();

        var entries = SeedEntryRules.Check(
        [
            new SeedEntryInput { Email = " Dana@Example.com ", Phone = "(206) 555-0100" },
            new SeedEntryInput { Email = "dana@example.com" },
            new SeedEntryInput { Phone = "not a phone" },
        ], problems);

        Assert.Equal(["entries[1].email", "entries[2].phone"], problems.Items.Select(p => p.Path));
        Assert.Equal(("dana@example.com", "+12065550100"), (entries[0].Email, entries[0].Phone));
    }
}
