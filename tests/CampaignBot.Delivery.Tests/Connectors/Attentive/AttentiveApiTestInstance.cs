using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Attentive;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Attentive;

/// <summary>An Attentive destination in API mode pointed at a fake, with timeouts, backoffs and polls small enough for tests.</summary>
internal static class AttentiveApiTestInstance
{
    public const string ApiKey = "attentive-test-api-key-8c2e";

    public static FakeAttentive Fake(FaultPlan? faults = null, int permitsPerSecond = 150, int maxMembers = 10_000, int pollsUntilDone = 1) =>
        new(ApiKey, faults, permitsPerSecond, maxMembers, pollsUntilDone);

    public static AttentiveApiConnector Connector(FakeService fake, int? perSecond = null, int membersPerRequest = AttentiveApiConnector.MaxMembersPerRequest) =>
        new(new DestinationInstance
        {
            Name = "attentive-api-test",
            Kind = DestinationKind.Attentive,
            Transport = DestinationTransport.Api,
            CredentialsReference = "Secrets:AttentiveApiTest",
            Endpoint = fake.BaseAddress.ToString(),
            RequestsPerSecond = perSecond,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromSeconds(1),
            TotalTimeout = TimeSpan.FromSeconds(30),
            PollInterval = TimeSpan.FromMilliseconds(20),
        }, new Dictionary<string, string> { [DestinationCredentials.ApiKey] = ApiKey }, TimeProvider.System, membersPerRequest: membersPerRequest);
}
