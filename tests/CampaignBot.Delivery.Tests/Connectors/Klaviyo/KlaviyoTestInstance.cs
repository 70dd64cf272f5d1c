using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Klaviyo;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Klaviyo;

/// <summary>A Klaviyo destination pointed at a fake, with timeouts and backoffs small enough for tests.</summary>
internal static class KlaviyoTestInstance
{
    public const string ApiKey = "pk_test_0123456789abcdef";

    public static DestinationInstance For(FakeService fake, int? perSecond = null, int? perMinute = null) => new()
    {
        Name = "klaviyo-test",
        Kind = DestinationKind.Klaviyo,
        CredentialsReference = "Secrets:KlaviyoTest",
        Endpoint = fake.BaseAddress.ToString(),
        RequestsPerSecond = perSecond,
        RequestsPerMinute = perMinute,
        PollInterval = TimeSpan.FromMilliseconds(20),
        RetryDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = TimeSpan.FromSeconds(1),
        TotalTimeout = TimeSpan.FromSeconds(30),
    };

    public static KlaviyoConnector Connector(FakeService fake, int? perSecond = null, string key = ApiKey, int? perMinute = null) =>
        new(For(fake, perSecond, perMinute), new Dictionary<string, string> { [DestinationCredentials.ApiKey] = key }, TimeProvider.System);

    /// <summary>The row as the fake holds it, in <paramref name="fields"/> order; custom fields are profile properties.</summary>
    public static string?[] Row(IReadOnlyDictionary<string, string> member, IReadOnlyList<string> fields) =>
        fields.Select(f => member.GetValueOrDefault(f) ?? member.GetValueOrDefault($"properties.{f}")).ToArray();

    /// <summary>Rows of external id, email and a custom tier, numbered from <paramref name="first"/>.</summary>
    public static DeliveryBatch Batch(DeliveryTarget target, int sequence, int first, int rows, int padding = 0) =>
        new(target, sequence, Enumerable.Range(first, rows).Select(n => new string?[] { $"C{n:D7}", $"customer{n}@example.com", new string('x', padding) + $"t{n % 3}" }).ToList());

    /// <summary>Completes the target as the run does, with the batches' references, and reads the profiles Klaviyo reports.</summary>
    public static async Task<long?> CompleteAsync(KlaviyoConnector connector, DeliveryTarget target, IEnumerable<(int Rows, string? Reference)> delivered)
    {
        var batches = delivered.Select((b, i) => new DeliveredBatch(i + 1, b.Rows, b.Reference)).ToList();
        await connector.CompleteAsync(target, batches, new Dictionary<string, long>(), CancellationToken.None);
        return await connector.CountDeliveredAsync(target, CancellationToken.None);
    }

    public static void AssertHolds(FakeKlaviyo fake, DeliveryTarget target, IEnumerable<DeliveryBatch> batches)
    {
        var held = fake.Members(fake.ListId(target.ListName)!).Select(m => string.Join('|', KlaviyoTestInstance.Row(m, target.Fields))).Order().ToList();
        Assert.Equal(batches.SelectMany(b => b.Rows).Select(r => string.Join('|', r)).Order().ToList(), held);
    }
}
