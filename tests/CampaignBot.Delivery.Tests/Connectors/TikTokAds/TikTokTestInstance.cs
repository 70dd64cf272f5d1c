using System.Security.Cryptography;
using System.Text;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.TikTokAds;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.TikTokAds;

/// <summary>A TikTok Ads destination pointed at a fake, with timeouts and backoffs small enough for tests.</summary>
internal static class TikTokTestInstance
{
    public const string Token = "tiktok-test-access-token-0123456789";
    public const string Advertiser = "7012345678901234567";

    public static FakeTikTok Fake(FaultPlan? faults = null, int perSecond = 20, int perMinute = 600) => new(Token, Advertiser, faults, perSecond, perMinute);

    public static TikTokAdsConnector Connector(FakeService fake, int perSecond = 20, int perMinute = 600) =>
        new(new DestinationInstance
        {
            Name = "tiktok-test",
            Kind = DestinationKind.TikTokAds,
            CredentialsReference = "Secrets:TikTokTest",
            AccountId = Advertiser,
            Endpoint = new Uri(fake.BaseAddress, "open_api").ToString(),
            RequestsPerSecond = perSecond,
            RequestsPerMinute = perMinute,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromSeconds(1),
            TotalTimeout = TimeSpan.FromSeconds(30),
        }, new Dictionary<string, string> { [DestinationCredentials.AccessToken] = Token }, TimeProvider.System);

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public static IReadOnlyList<string?[]> Delivered(FakeTikTok fake, DeliveryTarget target) =>
        fake.AudienceId(target.ListName) is { } audience ? fake.Members(audience) : [];
}
