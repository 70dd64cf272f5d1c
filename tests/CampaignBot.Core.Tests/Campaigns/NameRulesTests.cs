using CampaignBot.Core.Campaigns;
using static CampaignBot.Core.Tests.Campaigns.Problems;

namespace CampaignBot.Core.Tests.Campaigns;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Campaign_without_a_name_is_an_error(string? name)
    {
        var result = Validate(Drafts.Valid() with { Name = name });

        Assert.Equal([Error("name", "Give the campaign a name.")], result.Problems);
        Assert.Null(result.Value);
    }

    [Theory]
    [InlineData("Spring\tSale", "a tab, line break or other control character (U+0009)")]
    [InlineData("Spring\nSale", "a tab, line break or other control character (U+000A)")]
    [InlineData("Spring\r\nSale", "a tab, line break or other control character (U+000D)")]
    [InlineData("Spring\u0007Sale", "a tab, line break or other control character (U+0007)")]
    [InlineData("Spring\u0085Sale", "a tab, line break or other control character (U+0085)")]
    [InlineData("Spring\u2028Sale", "a tab, line break or other control character (U+2028)")]
    [InlineData("Spring\u2029Sale", "a tab, line break or other control character (U+2029)")]
    [InlineData("Spring\u200BSale", "an invisible character (U+200B) that is not part of a visible one")]
    [InlineData("Spring\uFEFFSale", "an invisible character (U+FEFF) that is not part of a visible one")]
    [InlineData("Spring\u202ESale", "a text-direction override (U+202E)")]
    [InlineData("Spring\u202ASale", "a text-direction override (U+202A)")]
    [InlineData("Spring\u2066Sale\u2069", "a text-direction override (U+2066)")]
    [InlineData("\u200DSpring Sale", "an invisible character (U+200D) that is not part of a visible one")]
    [InlineData("Spring \u200D Sale", "an invisible character (U+200D) that is not part of a visible one")]
    [InlineData("Spring \uFE0F Sale", "an invisible character (U+FE0F) that is not part of a visible one")]
    public void Control_characters_inside_a_name_are_an_error(string name, string what)
    {
        var result = Validate(Drafts.Valid() with { Name = name });

        Assert.Equal([Error("name", $"The name of the campaign contains {what}; remove it.")], result.Problems);
    }

    [Fact]
    public void Half_an_emoji_is_an_error()
    {
        // Not theory data: xunit's serialization would replace the lone surrogate before the test sees it.
        var result = Validate(Drafts.Valid() with { Name = "Spring\uD83DSale" });

        Assert.Equal([Error("name", "The name of the campaign contains a broken character (a lone U+D83D); remove it.")], result.Problems);
    }

    [Theory]
    [InlineData("Dev launch 👩‍💻")]
    [InlineData("Family 👨‍👩‍👧‍👦 weekend")]
    [InlineData("Love ❤️ sale")]
    [InlineData("Text ☺︎ style")]
    [InlineData("Thumbs 👍🏽 up")]
    [InlineData("Number 1️⃣ and #️⃣")]
    [InlineData("Flags 🇫🇷 🏴󠁧󠁢󠁳󠁣󠁴󠁿")]
    [InlineData("Persian می‌خواهم")]
    public void Emoji_sequences_and_joiners_inside_a_character_are_accepted(string name)
    {
        var result = Validate(Drafts.Valid() with { Name = name });

        Assert.Empty(result.Problems);
        Assert.Equal(name, result.Value!.Name);
    }

    [Fact]
    public void Control_characters_around_a_name_are_trimmed_away()
    {
        var result = Validate(Drafts.Valid() with { Name = "\t Spring Sale\r\n" });

        Assert.Empty(result.Problems);
        Assert.Equal("Spring Sale", result.Value!.Name);
    }

    [Fact]
    public void Campaign_name_of_eighty_characters_is_accepted_after_trimming()
    {
        var name = new string('n', NameRules.MaxCampaignName);

        var result = Validate(Drafts.Valid() with { Name = $"   {name}   " });

        Assert.Empty(result.Problems);
        Assert.Equal(name, result.Value!.Name);
    }

    [Fact]
    public void Campaign_name_over_eighty_characters_is_an_error()
    {
        var result = Validate(Drafts.Valid() with { Name = new string('n', 81) });

        Assert.Equal(
            [Error("name", "The name of the campaign is 81 characters long; keep it to 80 or fewer, because destinations build list names from it.")],
            result.Problems);
    }

    [Fact]
    public void Control_characters_are_reported_before_length()
    {
        var result = Validate(Drafts.Valid() with { Name = new string('n', 90) + "\tx" });

        Assert.Equal(
            [Error("name", "The name of the campaign contains a tab, line break or other control character (U+0009); remove it.")],
            result.Problems);
    }

    [Theory]
    [InlineData("---")]
    [InlineData("!! ??")]
    [InlineData("🎉")]
    public void Name_without_a_letter_or_digit_is_an_error(string name)
    {
        var result = Validate(Drafts.Valid() with { Name = name });

        Assert.Equal([Error("name", "The name of the campaign needs at least one letter or digit.")], result.Problems);
    }

    [Theory]
    [InlineData("Été 2027")]
    [InlineData("セール")]
    [InlineData("2027")]
    public void Letters_and_digits_of_any_script_make_a_name(string name)
    {
        var result = Validate(Drafts.Valid() with { Name = name });

        Assert.Empty(result.Problems);
        Assert.Equal(name, result.Value!.Name);
    }

    [Fact]
    public void Sub_audience_without_a_name_is_named_by_position()
    {
        var result = Validate(Drafts.Valid().WithSubAudience(1, s => s with { Name = "  " }));

        Assert.Equal([Error("subAudiences[1].name", "Give sub-audience 2 a name.")], result.Problems);
    }

    [Fact]
    public void Sub_audience_name_over_sixty_characters_is_an_error()
    {
        var name = new string('s', NameRules.MaxPartName + 1);

        var result = Validate(Drafts.Valid().WithSubAudience(2, s => s with { Name = name }));

        Assert.Equal(
            [Error("subAudiences[2].name", "The name of sub-audience 3 is 61 characters long; keep it to 60 or fewer, because destinations build list names from it.")],
            result.Problems);
    }

    [Fact]
    public void Sub_audience_name_of_sixty_characters_is_accepted()
    {
        var name = new string('s', NameRules.MaxPartName);

        var result = Validate(Drafts.Valid().WithSubAudience(2, s => s with { Name = name }));

        Assert.Empty(result.Problems);
        Assert.Equal(name, result.Value!.SubAudiences[2].Name);
    }

    [Fact]
    public void Recipient_group_without_a_name_is_named_by_position_and_sub_audience()
    {
        var result = Validate(Drafts.Valid().WithGroup(0, 1, g => g with { Name = null }));

        Assert.Equal([Error("subAudiences[0].groups[1].name", "Give recipient group 2 of sub-audience 'Active' a name.")], result.Problems);
    }

    [Fact]
    public void Sub_audience_and_group_names_take_emoji_sequences()
    {
        var result = Validate(Drafts.Valid()
            .WithSubAudience(0, s => s with { Name = "Devs 👩‍💻" })
            .WithGroup(0, 0, g => g with { Name = "Families 👨‍👩‍👧" }));

        Assert.Empty(result.Problems);
        Assert.Equal(("Devs 👩‍💻", "Families 👨‍👩‍👧"), (result.Value!.SubAudiences[0].Name, result.Value.SubAudiences[0].Groups[0].Name));
    }

    [Fact]
    public void Recipient_group_name_rules_mention_the_group_and_its_sub_audience()
    {
        var result = Validate(Drafts.Valid()
            .WithGroup(0, 0, g => g with { Name = "Email\tA" })
            .WithGroup(1, 1, g => g with { Name = new string('g', 61) })
            .WithGroup(2, 0, g => g with { Name = "***" }));

        Assert.Equal(
            [
                Error("subAudiences[0].groups[0].name",
                    "The name of recipient group 1 of sub-audience 'Active' contains a tab, line break or other control character (U+0009); remove it."),
                Error("subAudiences[1].groups[1].name",
                    "The name of recipient group 2 of sub-audience 'At risk' is 61 characters long; keep it to 60 or fewer, because destinations build list names from it."),
                Error("subAudiences[2].groups[0].name",
                    "The name of recipient group 1 of sub-audience 'Everyone else' needs at least one letter or digit."),
            ],
            result.Problems);
    }
}
