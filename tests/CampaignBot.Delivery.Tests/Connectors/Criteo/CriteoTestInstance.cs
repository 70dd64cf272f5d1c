using System.Security.Cryptography;
using System.Text;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Criteo;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Criteo;

/// <summary>A Criteo destination pointed at a fake, with timeouts and backoffs small enough for tests.</summary>
internal static class CriteoTestInstance
{
    public const string ClientId = "criteo-test-app";
    public const string ClientSecret = "criteo-test-client-secret-5f1d";
    public const string Advertiser = "12345";

    public static FakeCriteo Fake(FaultPlan? faults = null, int permits = 250, TimeSpan? window = null, TimeSpan? tokenLifetime = null, int maxIdentifiers = 50_000, int pageSize = 100) =>
        new(ClientId, ClientSecret, Advertiser, faults, permits, window, tokenLifetime, maxIdentifiers, pageSize);

    public static CriteoConnector Connector(FakeService fake, int? perSecond = null, int perMinute = 250, int identifiersPerCall = CriteoConnector.MaxIdentifiersPerCall) =>
        new(new DestinationInstance
        {
            Name = "criteo-test",
            Kind = DestinationKind.Criteo,
            CredentialsReference = "Secrets:CriteoTest",
            AccountId = Advertiser,
            Endpoint = fake.BaseAddress.ToString(),
            RequestsPerSecond = perSecond,
            RequestsPerMinute = perMinute,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromSeconds(1),
            TotalTimeout = TimeSpan.FromSeconds(30),
        }, new Dictionary<string, string> { [DestinationCredentials.ClientId] = ClientId, [DestinationCredentials.ClientSecret] = ClientSecret }, TimeProvider.System,
        identifiersPerCall: identifiersPerCall);

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
