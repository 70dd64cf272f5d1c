using System.Security.Cryptography;
using System.Text;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.MetaAds;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.MetaAds;

/// <summary>A Meta Ads destination pointed at a fake, with timeouts and backoffs small enough for tests.</summary>
internal static class MetaTestInstance
{
    public const string Token = "EAAB-test-system-user-token";
    public const string Account = "act_1234567890";

    public static FakeMeta Fake(FaultPlan? faults = null, int perSecond = 20, int perMinute = 600) => new(Token, Account, faults, perSecond, perMinute);

    public static MetaAdsConnector Connector(FakeService fake, int perSecond = 20, int perMinute = 600) =>
        new(new DestinationInstance
        {
            Name = "meta-test",
            Kind = DestinationKind.MetaAds,
            CredentialsReference = "Secrets:MetaTest",
            AccountId = "1234567890",
            Endpoint = fake.BaseAddress.ToString(),
            RequestsPerSecond = perSecond,
            RequestsPerMinute = perMinute,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromSeconds(1),
            TotalTimeout = TimeSpan.FromSeconds(30),
        }, new Dictionary<string, string> { [DestinationCredentials.AccessToken] = Token }, TimeProvider.System);

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>The rows of the target's upload session as the fake holds them, empty values back to null.</summary>
    public static IReadOnlyList<string?[]> Delivered(FakeMeta fake, DeliveryTarget target) =>
        fake.AudienceId(target.ListName) is { } audience
            ? fake.Session(audience, MetaAdsConnector.SessionId(target)).SelectMany(b => b.Rows).Select(r => r.Select(v => v.Length == 0 ? null : v).ToArray()).ToList()
            : [];
}
