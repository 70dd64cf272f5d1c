using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.MetaAds;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.MetaAds;

public sealed class MetaAdsConnectorTests : ConnectorContractTests, IAsyncLifetime
{
    private readonly FakeMeta _fake = MetaTestInstance.Fake();

    protected override IReadOnlyList<string> Fields => ["EXTERN_ID", "EMAIL"];

    protected override string?[] Row(int n) => n % 5 == 1 ? [$"C{n:D6}", null] : [$"C{n:D6}", MetaTestInstance.Hash($"customer{n}@example.com")];

    public Task InitializeAsync() => _fake.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(_fake.Violations);
        await _fake.DisposeAsync();
    }

    protected override IDestinationConnector CreateConnector() => MetaTestInstance.Connector(_fake);

    protected override Task<IReadOnlyList<string?[]>> ReadDeliveredAsync(IDestinationConnector connector, DeliveryTarget target) =>
        Task.FromResult(MetaTestInstance.Delivered(_fake, target));

    // Meta's record of a delivery is the upload session: the rows it holds under each batch_seq.
    protected override Task<IReadOnlyList<DeliveredBatch>> ReadCompletedAsync(IDestinationConnector connector, DeliveryTarget target, string? completion)
    {
        var audience = _fake.AudienceId(target.ListName);
        Assert.Equal(audience is null ? null : new Uri(_fake.BaseAddress, $"v21.0/{audience}").ToString(), completion);
        IReadOnlyList<DeliveredBatch> batches = audience is null ? []
            : _fake.Session(audience, MetaAdsConnector.SessionId(target)).Select(b => new DeliveredBatch(b.Sequence, b.Rows.Length, MetaAdsConnector.Reference(audience))).ToList();
        return Task.FromResult(batches);
    }
}
