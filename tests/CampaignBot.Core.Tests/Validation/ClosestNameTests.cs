using CampaignBot.Core.Validation;

namespace CampaignBot.Core.Tests.Validation;

public sealed class ClosestNameTests
{
    private static readonly string[] Fields = ["name", "description", "type", "audience", "subAudiences", "schedule", "timeZone", "controlPercent", "include", "exclude"];

    [Theory]
    [InlineData("exlude", "exclude")]
    [InlineData("nmae", "name")]
    [InlineData("controlPrecent", "controlPercent")]
    [InlineData("time_zone", "timeZone")]
    [InlineData("TIMEZONE", "timeZone")]
    [InlineData("sub-audiences", "subAudiences")]
    public void A_near_miss_is_matched_to_the_name_it_meant(string typed, string meant) =>
        Assert.Equal(meant, ClosestName.Among(typed, Fields));

    [Theory]
    [InlineData("stop")]
    [InlineData("x")]
    [InlineData("recipients")]
    [InlineData("")]
    public void A_name_far_from_every_known_one_gets_no_guess(string typed) =>
        Assert.Null(ClosestName.Among(typed, Fields));
}
