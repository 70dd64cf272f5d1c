using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Listrak;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Listrak;

/// <summary>A Listrak destination pointed at a fake, with timeouts, backoffs and polls small enough for tests.</summary>
internal static class ListrakTestInstance
{
    public const string ClientId = "listrak-test-integration";
    public const string ClientSecret = "listrak-test-client-secret-9c2e";

    public static FakeListrak Fake(FaultPlan? faults = null, TimeSpan? tokenLifetime = null, int pollsPerImport = 2) =>
        new(ClientId, ClientSecret, faults, tokenLifetime, pollsPerImport);

    public static ListrakConnector Connector(FakeService fake, int perSecond = 50) =>
        new(new DestinationInstance
        {
            Name = "listrak-test",
            Kind = DestinationKind.Listrak,
            CredentialsReference = "Secrets:ListrakTest",
            Endpoint = fake.BaseAddress.ToString(),
            RequestsPerSecond = perSecond,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromSeconds(1),
            TotalTimeout = TimeSpan.FromSeconds(30),
            PollInterval = TimeSpan.FromMilliseconds(20),
        }, new Dictionary<string, string> { [DestinationCredentials.ClientId] = ClientId, [DestinationCredentials.ClientSecret] = ClientSecret }, TimeProvider.System);
}
