using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Klaviyo;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Klaviyo;

/// <summary>A Klaviyo destination pointed at a fake, with timeouts and backoffs small enough for tests.</summary>
internal static class KlaviyoTestInstance
{
    public const string ApiKey = "pk_test_0123456789abcdef";

    public static DestinationInstance For(FakeService fake, int? perSecond = null) => new()
    {
        Name = "klaviyo-test",
        Kind = DestinationKind.Klaviyo,
        CredentialsReference = "Secrets:KlaviyoTest",
        Endpoint = fake.BaseAddress.ToString(),
        RequestsPerSecond = perSecond,
        PollInterval = TimeSpan.FromMilliseconds(20),
        RetryDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(1),
        TotalTimeout = TimeSpan.FromSeconds(30),
    };

    public static KlaviyoConnector Connector(FakeService fake, int? perSecond = null, string key = ApiKey) =>
        new(For(fake, perSecond), new Dictionary<string, string> { [DestinationCredentials.ApiKey] = key }, TimeProvider.System);

    /// <summary>The row as the fake holds it, in <paramref name="fields"/> order; custom fields are profile properties.</summary>
    public static string?[] Row(IReadOnlyDictionary<string, string> member, IReadOnlyList<string> fields) =>
        fields.Select(f => member.GetValueOrDefault(f) ?? member.GetValueOrDefault($"properties.{f}")).ToArray();
}
