using CampaignBot.App.Destinations;

namespace CampaignBot.Api.Tests.Destinations;

public sealed class DefaultAttributeSettingsTests
{
    [Fact]
    public void A_misspelt_default_attribute_stops_the_start_naming_it_and_the_known_ones()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Destinations:0:Name"] = "drop",
            ["Destinations:0:Kind"] = "LocalFolder",
            ["Destinations:0:Location"] = "data/drop",
            ["Destinations:0:DefaultAttributes:0"] = "customer_id",
            ["Destinations:0:DefaultAttributes:1"] = "emial",
        }, services => services.AddDestinations());

        Assert.Contains(
            "Destinations:0:DefaultAttributes: There is no attribute 'emial'. Did you mean 'email'? The attributes are customer_id, email, phone,",
            error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain("has no column", error.Message, StringComparison.Ordinal);
    }
}
