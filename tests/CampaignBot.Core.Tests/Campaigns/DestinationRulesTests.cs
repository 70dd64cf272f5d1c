using CampaignBot.Core.Campaigns;
using static CampaignBot.Core.Tests.Campaigns.Problems;

namespace CampaignBot.Core.Tests.Campaigns;

public sealed class DestinationRulesTests
{
    [Fact]
    public void Recipient_group_without_destinations_is_an_error()
    {
        var expected = Error("subAudiences[0].groups[0].destinations",
            "Recipient group 'Active email A' has no destination; add at least one so its customers are sent somewhere.");

        Assert.Equal([expected], Validate(Drafts.Valid().WithGroup(0, 0, g => g with { Destinations = null })).Problems);
        Assert.Equal([expected], Validate(Drafts.Valid().WithGroup(0, 0, g => g with { Destinations = [] })).Problems);
    }

    [Fact]
    public void Unnamed_group_without_destinations_is_described_by_position()
    {
        var result = Validate(Drafts.Valid().WithGroup(1, 1, g => g with { Name = "", Destinations = [] }));

        Assert.Equal(
            [
                Error("subAudiences[1].groups[1].name", "Give recipient group 2 of sub-audience 'At risk' a name."),
                Error("subAudiences[1].groups[1].destinations",
                    "Recipient group 2 of sub-audience 'At risk' has no destination; add at least one so its customers are sent somewhere."),
            ],
            result.Problems);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Destination_entry_without_a_destination_is_an_error(string? destination)
    {
        var result = Validate(Drafts.Valid().WithDestination(1, 1, 1, d => d with { Destination = destination }));

        Assert.Equal(
            [Error("subAudiences[1].groups[1].destinations[1].destination", "Choose which destination entry 2 of recipient group 'At risk ads' sends to.")],
            result.Problems);
    }

    [Fact]
    public void Same_destination_twice_in_a_group_is_an_error()
    {
        var result = Validate(Drafts.Valid().WithDestination(1, 1, 1, d => d with { Destination = " META-ADS " }));

        Assert.Equal(
            [Error("subAudiences[1].groups[1].destinations[1].destination", "'META-ADS' is listed twice for recipient group 'At risk ads'; remove the repeat.")],
            result.Problems);
    }

    [Fact]
    public void Same_destination_in_different_groups_is_fine()
    {
        var result = Validate(Drafts.Valid().WithDestination(0, 1, 0, d => d with { Destination = "klaviyo-main" }));

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Attribute_without_a_name_is_an_error()
    {
        var result = Validate(Drafts.Valid().WithDestination(0, 0, 0, d => d with
        {
            Attributes = [new AttributeDraft { Name = "email" }, new AttributeDraft { Name = " ", SourceTable = "crm.contacts" }],
        }));

        Assert.Equal(
            [Error("subAudiences[0].groups[0].destinations[0].attributes[1].name", "An attribute for 'klaviyo-main' has no name; choose one or remove it.")],
            result.Problems);
    }

    [Fact]
    public void Same_attribute_twice_is_an_error_even_from_different_tables()
    {
        var result = Validate(Drafts.Valid().WithDestination(0, 0, 0, d => d with
        {
            Attributes = [new AttributeDraft { Name = "email", SourceTable = "crm.contacts" }, new AttributeDraft { Name = "Email ", SourceTable = "shop.orders" }],
        }));

        Assert.Equal(
            [Error("subAudiences[0].groups[0].destinations[0].attributes[1].name", "'Email' is sent to 'klaviyo-main' twice; keep one.")],
            result.Problems);
    }

    [Fact]
    public void Every_bad_destination_and_attribute_in_a_group_is_reported()
    {
        var result = Validate(Drafts.Valid().WithGroup(1, 1, g => g with
        {
            Destinations =
            [
                Drafts.Destination("meta-ads", "email", "", "email"),
                Drafts.Destination(""),
                Drafts.Destination("Meta-Ads"),
            ],
        }));

        Assert.Equal(
            [
                "subAudiences[1].groups[1].destinations[0].attributes[1].name",
                "subAudiences[1].groups[1].destinations[0].attributes[2].name",
                "subAudiences[1].groups[1].destinations[1].destination",
                "subAudiences[1].groups[1].destinations[2].destination",
            ],
            result.Problems.Select(p => p.Path));
        Assert.All(result.Problems, p => Assert.True(p.IsError));
    }

    [Fact]
    public void Omitted_attributes_mean_the_destination_defaults()
    {
        var result = Validate(Drafts.Valid().WithDestination(0, 0, 0, d => d with { Attributes = null }));

        var destination = Assert.Single(result.Value!.SubAudiences[0].Groups[0].Destinations);
        Assert.Equal("klaviyo-main", destination.Destination);
        Assert.Empty(destination.Attributes);
    }
}
