using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.TikTokAds;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.TikTokAds;

public sealed class TikTokAdsConnectorTests : ConnectorContractTests, IAsyncLifetime
{
    private readonly FakeTikTok _fake = TikTokTestInstance.Fake();

    protected override bool RunsShareTheList => true;

    protected override IReadOnlyList<string> Fields => ["EMAIL_SHA256", "PHONE_SHA256"];

    protected override string?[] Row(int n) =>
        [TikTokTestInstance.Hash($"customer{n}@example.com"), n % 5 == 1 ? null : TikTokTestInstance.Hash($"+1555{n:D7}")];

    public Task InitializeAsync() => _fake.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(_fake.Violations);
        await _fake.DisposeAsync();
    }

    protected override IDestinationConnector CreateConnector() => TikTokTestInstance.Connector(_fake);

    [Fact]
    public async Task Removing_people_who_left_the_group_takes_them_out_of_the_audience_and_no_one_else()
    {
        var connector = TikTokTestInstance.Connector(_fake);
        var target = Target(connector, "Weekly picks", "Email A", "run-1");
        var rows = Enumerable.Range(1, 6).Select(n => Row(n * 5)).ToList();
        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(new DeliveryBatch(target, 1, rows), CancellationToken.None));

        var removed = await connector.RemoveAsync(new DeliveryBatch(target with { RunId = "run-2" }, 1, rows.Take(2).ToList()), CancellationToken.None);
        var again = await connector.RemoveAsync(new DeliveryBatch(target with { RunId = "run-2" }, 1, rows.Take(2).ToList()), CancellationToken.None);

        Assert.IsType<BatchOutcome.Delivered>(removed);
        Assert.IsType<BatchOutcome.Delivered>(again);
        Assert.Equal(Keys(rows.Skip(2)), Keys(_fake.Members(_fake.AudienceId(target.ListName)!)));
    }

    [Fact]
    public async Task Removing_from_an_audience_never_made_creates_none()
    {
        var connector = TikTokTestInstance.Connector(_fake);

        var removed = await connector.RemoveAsync(new DeliveryBatch(Target(connector, "Never sent", "Email A", "run-1"), 1, [Row(5)]), CancellationToken.None);

        Assert.IsType<BatchOutcome.Delivered>(removed);
        Assert.Equal(0, _fake.AudiencesCreated);
        Assert.Equal(0, _fake.RequestsTo("POST"));
    }

    [Fact]
    public async Task A_batch_over_the_mapping_size_goes_in_calls_of_at_most_a_thousand_rows()
    {
        var connector = TikTokTestInstance.Connector(_fake);
        var target = Target(connector);
        var batch = Batch(target, 1, 1, 2_500);

        Assert.Equal(2_500, Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None)).Rows);

        var audience = _fake.AudienceId(target.ListName)!;
        Assert.Equal([("add", 1_000), ("add", 1_000), ("add", 500)], _fake.Calls(audience));
        Assert.Equal(Keys(batch.Rows), Keys(_fake.Members(audience)));
    }

    protected override Task<IReadOnlyList<string?[]>> ReadDeliveredAsync(IDestinationConnector connector, DeliveryTarget target) =>
        Task.FromResult(TikTokTestInstance.Delivered(_fake, target));

    // TikTok keeps no upload record; the fake's log of mapping calls stands in (one call per small batch, in order).
    protected override Task<IReadOnlyList<DeliveredBatch>> ReadCompletedAsync(IDestinationConnector connector, DeliveryTarget target, string? completion)
    {
        var audience = _fake.AudienceId(target.ListName);
        Assert.Equal(audience is null ? null : TikTokAdsConnector.Reference(audience), completion);
        IReadOnlyList<DeliveredBatch> batches = audience is null ? []
            : _fake.Calls(audience).Select((call, i) => new DeliveredBatch(i + 1, call.Rows, TikTokAdsConnector.Reference(audience))).ToList();
        return Task.FromResult(batches);
    }

    private static List<string> Keys(IEnumerable<string?[]> rows) => rows.Select(r => string.Join('|', r.Select(v => v ?? ""))).Order(StringComparer.Ordinal).ToList();
}
