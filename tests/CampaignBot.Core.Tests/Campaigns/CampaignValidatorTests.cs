using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Scheduling;
using CampaignBot.Core.Validation;
using Microsoft.Extensions.Time.Testing;
using static CampaignBot.Core.Tests.Campaigns.Problems;

namespace CampaignBot.Core.Tests.Campaigns;

public sealed class CampaignValidatorTests
{
    [Fact]
    public void Valid_draft_becomes_a_definition_with_the_same_shape()
    {
        var result = Validate(Drafts.Valid());

        Assert.Empty(result.Problems);
        var campaign = Assert.IsType<CampaignDefinition>(result.Value);
        Assert.Equal("Spring Sale", campaign.Name);
        Assert.Equal("Shorts and t-shirts for the warm months", campaign.Description);
        Assert.Equal(CampaignType.Recurring, campaign.Type);
        Assert.True(campaign.IsRecurring);
        Assert.Equal(new[] { "High CLV", "Loyalty members" }, campaign.Audience.IncludeSegments);
        Assert.Equal(new[] { "Email opt-outs", "Recent buyers" }, campaign.Audience.ExcludeSegments);
        Assert.Equal(new[] { "Active", "At risk", "Everyone else" }, campaign.SubAudiences.Select(s => s.Name));
        Assert.Equal(new[] { "Active customers", "At-risk customers", null }, campaign.SubAudiences.Select(s => s.Segment));
        Assert.Equal(new[] { false, false, true }, campaign.SubAudiences.Select(s => s.IsCatchAll));
        Assert.Equal(new[] { 10m, 20m, 5m }, campaign.SubAudiences.Select(s => s.ControlPercent.Percent));
        Assert.Equal(
            new[] { "Active email A", "Active SMS", "At risk email", "At risk ads", "Newsletter", "Newsletter plus" },
            campaign.RecipientGroups.Select(g => g.Name));
        Assert.Equal(new[] { 4500, 4500, 4000, 4000, 4750, 4750 }, campaign.RecipientGroups.Select(g => g.Percent.BasisPoints));

        var klaviyo = Assert.Single(campaign.SubAudiences[0].Groups[0].Destinations);
        Assert.Equal("klaviyo-main", klaviyo.Destination);
        Assert.Equal(new[] { new AttributeSelection("email"), new AttributeSelection("given_name") }, klaviyo.Attributes);
        Assert.Equal(new[] { "meta-ads", "tiktok-ads" }, campaign.SubAudiences[1].Groups[1].Destinations.Select(d => d.Destination));
        Assert.All(campaign.SubAudiences[1].Groups[1].Destinations, d => Assert.Empty(d.Attributes));
        Assert.Equal("outbox", Assert.Single(campaign.SubAudiences[2].Groups[0].Destinations).Destination);

        Assert.Equal("America/Los_Angeles", campaign.Schedule.TimeZone.Id);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 17, 0, 0, TimeSpan.Zero), campaign.Schedule.LaunchInstant);
        Assert.Equal(Cadence.Weekly, campaign.Schedule.Cadence);
        Assert.Null(campaign.Schedule.ExpiresAt);
        Assert.Equal(new QuietHours(new TimeOnly(21, 0), new TimeOnly(8, 0)), campaign.Schedule.QuietHours);
    }

    [Fact]
    public void Every_name_is_trimmed_in_the_definition()
    {
        var draft = Drafts.Valid() with
        {
            Name = "  Spring Sale\t",
            Description = "\n Shorts and t-shirts ",
            Audience = new AudienceDraft { Include = [" High CLV "], Exclude = ["\tRecent buyers"] },
        };
        draft = draft
            .WithSubAudience(0, s => s with { Name = " Active ", Segment = " Active customers " })
            .WithGroup(0, 0, g => g with { Name = " Active email A " })
            .WithDestination(0, 0, 0, d => d with
            {
                Destination = " klaviyo-main ",
                Attributes = [new AttributeDraft { Name = " email ", SourceTable = " crm.contacts " }, new AttributeDraft { Name = "phone", SourceTable = "  " }],
            });

        var campaign = Assert.IsType<CampaignDefinition>(Validate(draft).Value);

        Assert.Equal("Spring Sale", campaign.Name);
        Assert.Equal("Shorts and t-shirts", campaign.Description);
        Assert.Equal(new[] { "High CLV" }, campaign.Audience.IncludeSegments);
        Assert.Equal(new[] { "Recent buyers" }, campaign.Audience.ExcludeSegments);
        Assert.Equal("Active", campaign.SubAudiences[0].Name);
        Assert.Equal("Active customers", campaign.SubAudiences[0].Segment);
        var group = campaign.SubAudiences[0].Groups[0];
        Assert.Equal("Active email A", group.Name);
        var destination = Assert.Single(group.Destinations);
        Assert.Equal("klaviyo-main", destination.Destination);
        Assert.Equal(new[] { new AttributeSelection("email", "crm.contacts"), new AttributeSelection("phone") }, destination.Attributes);
    }

    [Theory]
    [InlineData("one-time", CampaignType.OneTime)]
    [InlineData(" One Time ", CampaignType.OneTime)]
    [InlineData("ONCE", CampaignType.OneTime)]
    [InlineData("recurring", CampaignType.Recurring)]
    [InlineData("Multi-Channel", CampaignType.MultiChannel)]
    [InlineData("multi_channel", CampaignType.MultiChannel)]
    public void Campaign_type_is_read_without_case_spaces_hyphens_or_underscores(string text, CampaignType expected)
    {
        var draft = Drafts.Valid() with { Type = text };
        if (expected == CampaignType.OneTime)
        {
            draft = draft with { Schedule = draft.Schedule! with { Cadence = null } };
        }

        var result = Validate(draft);

        Assert.Empty(result.Problems);
        Assert.Equal(expected, result.Value!.Type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_type_is_an_error(string? type)
    {
        var result = Validate(Drafts.Valid() with { Type = type });

        Assert.Equal([Error("type", "Choose a campaign type: one-time, recurring, multi-channel or triggered.")], result.Problems);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Unknown_type_is_an_error_quoting_the_trimmed_text()
    {
        var result = Validate(Drafts.Valid() with { Type = "  weekly " });

        Assert.Equal([Error("type", "'weekly' is not a campaign type; choose one-time, recurring, multi-channel or triggered.")], result.Problems);
    }

    [Fact]
    public void Description_may_be_omitted()
    {
        var result = Validate(Drafts.Valid() with { Description = null });

        Assert.Equal("", result.Value!.Description);
    }

    [Fact]
    public void Description_of_the_maximum_length_is_accepted_once_trimmed()
    {
        var description = "  " + new string('d', CampaignValidator.MaxDescription) + "  ";

        var result = Validate(Drafts.Valid() with { Description = description });

        Assert.Empty(result.Problems);
        Assert.Equal(CampaignValidator.MaxDescription, result.Value!.Description.Length);
    }

    [Fact]
    public void Description_over_the_maximum_length_is_an_error()
    {
        var result = Validate(Drafts.Valid() with { Description = new string('d', 2001) });

        Assert.Equal([Error("description", "The description is 2001 characters long; keep it to 2000 or fewer.")], result.Problems);
    }

    [Fact]
    public void Multi_channel_campaign_with_a_single_destination_is_a_warning_that_does_not_block()
    {
        var draft = Drafts.Valid() with
        {
            Type = "multi-channel",
            SubAudiences = [Drafts.SubAudience("Everyone", null, 10, Drafts.Group("Email A", 45), Drafts.Group("Email B", 45, Drafts.Destination("OUTBOX")))],
        };

        var result = Validate(draft);

        Assert.Equal(
            [Warning("type", "This multi-channel campaign sends to a single destination; add another channel or make it one-time or recurring.")],
            result.Problems);
        Assert.Equal(CampaignType.MultiChannel, result.Value!.Type);
    }

    [Fact]
    public void Multi_channel_campaign_with_two_destinations_has_no_warning()
    {
        var result = Validate(Drafts.Valid() with { Type = "multi-channel" });

        Assert.Empty(result.Problems);
        Assert.Equal(CampaignType.MultiChannel, result.Value!.Type);
    }

    [Fact]
    public void Warnings_alone_do_not_block_the_definition()
    {
        var draft = Drafts.Valid()
            .WithSubAudience(0, s => s with { Segment = "Recent buyers" })
            .WithGroup(1, 0, g => g with { Name = "Group 1" });

        var result = Validate(draft);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal(["subAudiences[0].segment", "subAudiences[1].groups[0].name"], result.Warnings.Select(w => w.Path));
        Assert.Equal("Group 1", result.Value!.SubAudiences[1].Groups[0].Name);
    }

    [Fact]
    public void A_draft_with_many_mistakes_reports_all_of_them_at_once()
    {
        var draft = Drafts.Valid() with
        {
            Name = " ",
            Type = "weekly",
            Audience = new AudienceDraft { Include = [], Exclude = ["Recent buyers"] },
            SubAudiences =
            [
                Drafts.SubAudience("Active", "Active customers", 10, Drafts.Group("Active email A", 45), Drafts.Group("Active SMS", 40)),
                Drafts.SubAudience("Active", null, 0, Drafts.Group("Spare", 100, Drafts.Destination(" "))),
            ],
            Schedule = Drafts.Valid().Schedule! with { Cadence = "fortnightly", QuietHours = new QuietHoursDraft { Start = "22:00", End = "22:00" } },
        };

        var result = Validate(draft);

        Assert.Null(result.Value);
        Assert.Equal(
            [
                ("name", ProblemSeverity.Error),
                ("type", ProblemSeverity.Error),
                ("audience.include", ProblemSeverity.Error),
                ("subAudiences[0].groups", ProblemSeverity.Error),
                ("subAudiences[1].name", ProblemSeverity.Error),
                ("subAudiences[1].controlPercent", ProblemSeverity.Warning),
                ("subAudiences[1].groups[0].destinations[0].destination", ProblemSeverity.Error),
                ("schedule.cadence", ProblemSeverity.Error),
                ("schedule.quietHours", ProblemSeverity.Error),
            ],
            result.Problems.Select(p => (p.Path, p.Severity)));
    }

    [Fact]
    public void Launch_is_judged_against_the_injected_clock()
    {
        var clock = new FakeTimeProvider(Drafts.Now);
        var validator = new CampaignValidator(clock);
        var draft = Drafts.Valid();
        Assert.True(validator.Validate(draft).IsValid);

        clock.Advance(TimeSpan.FromDays(10));
        var result = validator.Validate(draft);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("schedule.launch", ProblemSeverity.Error), (problem.Path, problem.Severity));
        Assert.Null(result.Value);
    }

    [Fact]
    public void Null_draft_is_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => Validate(null!));
    }
}

/// <summary>Validates at <see cref="Drafts.Now"/> and spells the problems tests expect.</summary>
internal static class Problems
{
    public static Validated<CampaignDefinition> Validate(CampaignDraft draft) =>
        new CampaignValidator(new FakeTimeProvider(Drafts.Now)).Validate(draft);

    public static ValidationProblem Error(string path, string message) => new(path, message, ProblemSeverity.Error);

    public static ValidationProblem Warning(string path, string message) => new(path, message, ProblemSeverity.Warning);
}

/// <summary>Changes one nested part of a draft, leaving the rest as <see cref="Drafts.Valid"/> built it.</summary>
internal static class DraftEdits
{
    public static CampaignDraft WithSubAudience(this CampaignDraft draft, int index, Func<SubAudienceDraft, SubAudienceDraft> change) =>
        draft with { SubAudiences = Replace(draft.SubAudiences!, index, change) };

    public static CampaignDraft WithGroup(this CampaignDraft draft, int subAudience, int group, Func<RecipientGroupDraft, RecipientGroupDraft> change) =>
        draft.WithSubAudience(subAudience, s => s with { Groups = Replace(s.Groups!, group, change) });

    public static CampaignDraft WithDestination(
        this CampaignDraft draft, int subAudience, int group, int destination, Func<DestinationDraft, DestinationDraft> change) =>
        draft.WithGroup(subAudience, group, g => g with { Destinations = Replace(g.Destinations!, destination, change) });

    private static List<T> Replace<T>(IReadOnlyList<T> items, int index, Func<T, T> change) =>
        items.Select((item, i) => i == index ? change(item) : item).ToList();
}
