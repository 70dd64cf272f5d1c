using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Criteo;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Criteo;

public sealed class CriteoConnectorTests : ConnectorContractTests, IAsyncLifetime
{
    private readonly FakeCriteo _fake = CriteoTestInstance.Fake();

    protected override bool RunsShareTheList => true;

    protected override IReadOnlyList<string> Fields => ["email"];

    protected override string?[] Row(int n) => [CriteoTestInstance.Hash($"customer{n}@example.com")];

    public Task InitializeAsync() => _fake.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(_fake.Violations);
        await _fake.DisposeAsync();
    }

    protected override IDestinationConnector CreateConnector() => CriteoTestInstance.Connector(_fake);

    [Fact]
    public async Task Removing_people_who_left_the_group_takes_them_off_the_contact_list_and_no_one_else()
    {
        var connector = CriteoTestInstance.Connector(_fake);
        var target = Target(connector, "Weekly picks", "Email A", "run-1");
        var rows = Enumerable.Range(1, 6).Select(Row).ToList();
        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(new DeliveryBatch(target, 1, rows), CancellationToken.None));

        var removed = await connector.RemoveAsync(new DeliveryBatch(target with { RunId = "run-2" }, 1, rows.Take(2).ToList()), CancellationToken.None);
        var again = await CriteoTestInstance.Connector(_fake).RemoveAsync(new DeliveryBatch(target with { RunId = "run-2" }, 1, rows.Take(2).ToList()), CancellationToken.None);

        Assert.IsType<BatchOutcome.Delivered>(removed);
        Assert.IsType<BatchOutcome.Delivered>(again);
        Assert.Equal(rows.Skip(2).Select(r => r[0]!).Order(), _fake.Members(_fake.SegmentId(target.ListName)!).Order());
    }

    [Fact]
    public async Task Removing_from_a_segment_never_made_sends_nothing_but_the_lookup()
    {
        var connector = CriteoTestInstance.Connector(_fake);

        var removed = await connector.RemoveAsync(new DeliveryBatch(Target(connector, "Never sent", "Email A", "run-1"), 1, [Row(5)]), CancellationToken.None);

        Assert.Equal(new BatchOutcome.Delivered(1, null), removed);
        Assert.Equal(0, _fake.SegmentsCreated);
        Assert.Equal(0, _fake.RequestsTo("PATCH"));
    }

    protected override Task<IReadOnlyList<string?[]>> ReadDeliveredAsync(IDestinationConnector connector, DeliveryTarget target)
    {
        IReadOnlyList<string?[]> rows = _fake.SegmentId(target.ListName) is { } segment ? _fake.Members(segment).Select(m => new string?[] { m }).ToList() : [];
        return Task.FromResult(rows);
    }

    // Criteo's record of a delivery is the contact list's amendments; batches here go one amendment each, in order.
    protected override Task<IReadOnlyList<DeliveredBatch>> ReadCompletedAsync(IDestinationConnector connector, DeliveryTarget target, string? completion)
    {
        var segment = _fake.SegmentId(target.ListName);
        Assert.Equal(segment is null ? null : new Uri(_fake.BaseAddress, $"2026-01/marketing-solutions/audience-segments/{segment}/contact-list").ToString(), completion);
        IReadOnlyList<DeliveredBatch> batches = segment is null ? []
            : _fake.Amendments(segment).Select((a, i) => new DeliveredBatch(i + 1, a.Identifiers, CriteoConnector.Reference(segment))).ToList();
        return Task.FromResult(batches);
    }
}
