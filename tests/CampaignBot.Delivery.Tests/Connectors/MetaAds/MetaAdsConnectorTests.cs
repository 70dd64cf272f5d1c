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

    [Fact]
    public async Task Removing_people_who_left_the_group_takes_them_out_of_the_audience_and_no_one_else()
    {
        var connector = MetaTestInstance.Connector(_fake);
        var target = Target(connector, "Weekly picks", "Email A", "run-1");
        var rows = Enumerable.Range(1, 6).Select(n => Row(n * 5)).ToList();
        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(new DeliveryBatch(target, 1, rows), CancellationToken.None));

        var removed = await connector.RemoveAsync(new DeliveryBatch(target with { RunId = "run-2" }, 1, rows.Take(2).ToList()), CancellationToken.None);
        var again = await connector.RemoveAsync(new DeliveryBatch(target with { RunId = "run-2" }, 1, rows.Take(2).ToList()), CancellationToken.None);

        Assert.IsType<BatchOutcome.Delivered>(removed);
        Assert.IsType<BatchOutcome.Delivered>(again);
        Assert.Equal(rows.Skip(2).Select(r => string.Join('|', r)).Order(), _fake.Members(_fake.AudienceId(target.ListName)!).Order());
    }

    [Fact]
    public async Task Removing_from_an_audience_never_made_sends_nothing()
    {
        var connector = MetaTestInstance.Connector(_fake);

        var removed = await connector.RemoveAsync(new DeliveryBatch(Target(connector, "Never sent", "Email A", "run-1"), 1, [Row(5)]), CancellationToken.None);

        Assert.IsType<BatchOutcome.Delivered>(removed);
        Assert.Equal(0, _fake.AudiencesCreated);
    }

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
