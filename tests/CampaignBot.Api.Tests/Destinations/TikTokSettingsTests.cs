using CampaignBot.App.Destinations;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.TikTokAds;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Destinations;

public sealed class TikTokSettingsTests
{
    [Fact]
    public async Task A_tiktok_destination_binds_its_advertiser_and_limits_and_reaches_its_connector_with_the_token()
    {
        await using var factory = new CampaignBotFactory(new Dictionary<string, string?>
        {
            ["Destinations:0:Name"] = "tiktok-main",
            ["Destinations:0:Kind"] = "TikTokAds",
            ["Destinations:0:AccountId"] = "7012345678901234567",
            ["Destinations:0:ApiVersion"] = "v1.3",
            ["Destinations:0:RequestsPerSecond"] = "4",
            ["Destinations:0:RequestsPerMinute"] = "120",
            ["Destinations:0:CredentialsReference"] = "Secrets:TikTokMain",
            ["Destinations:0:DefaultAttributes:0"] = "email",
            ["Destinations:0:DefaultAttributes:1"] = "phone",
            ["Secrets:TikTokMain:AccessToken"] = "tiktok-token-from-the-environment",
        });
        using var client = factory.CreateClient();

        var tiktok = Assert.Single(factory.Services.GetRequiredService<IReadOnlyList<DestinationInstance>>());
        var connector = Assert.IsType<TikTokAdsConnector>(factory.Services.GetRequiredService<IConnectorFactory>().Create(tiktok));

        Assert.Equal(("7012345678901234567", "v1.3"), (tiktok.AccountId, tiktok.ApiVersion));
        Assert.Equal([4, 120], connector.CallLimits.Select(l => l.Permits));
    }

    [Fact]
    public void A_tiktok_destination_without_advertiser_or_token_stops_the_start_naming_keys_never_values()
    {
        var error = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Destinations:0:Name"] = "tiktok-main",
            ["Destinations:0:Kind"] = "TikTokAds",
            ["Destinations:0:ApiVersion"] = "1.3",
            ["Destinations:0:CredentialsReference"] = "Secrets:TikTokMain",
            ["Secrets:TikTokMain:AppSecret"] = "visible-app-secret",
        }, services => services.AddDestinations());

        Assert.Contains("Destinations:0:AccountId: Destination 'tiktok-main' (TikTok Ads) needs an AccountId, the advertiser id", error.Message, StringComparison.Ordinal);
        Assert.Contains("TikTok Business API versions look like v1.3", error.Message, StringComparison.Ordinal);
        Assert.Contains("AccessToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("visible-app-secret", error.Message, StringComparison.Ordinal);
    }
}
