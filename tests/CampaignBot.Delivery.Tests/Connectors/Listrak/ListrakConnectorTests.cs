using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Listrak;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Listrak;

public sealed class ListrakConnectorTests : ConnectorContractTests, IAsyncLifetime
{
    private readonly FakeListrak _fake = ListrakTestInstance.Fake();

    protected override bool RunsShareTheList => true;

    protected override IReadOnlyList<string> Fields => ["tier", "EmailAddress"];

    // Profile field values a careless CSV writer would mangle; emails must be valid, as the run pipeline drops the rest.
    protected override string?[] Row(int n) => n switch
    {
        _ when n % 4 == 1 => [null, $"customer{n}@example.com"],
        _ when n % 4 == 2 => [$"\"gold\", since {n}", $"customer{n}@example.com"],
        _ when n % 4 == 3 => [$"line\nbreak {n}", $"customer{n}@example.com"],
        _ => [$" padded {n} ", $"customer{n}@example.com"],
    };

    public Task InitializeAsync() => _fake.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(_fake.Violations);
        await _fake.DisposeAsync();
    }

    protected override IDestinationConnector CreateConnector() => ListrakTestInstance.Connector(_fake);

    [Fact]
    public async Task Removing_people_who_left_the_group_takes_them_off_the_list_and_no_one_else()
    {
        var connector = ListrakTestInstance.Connector(_fake);
        var target = Target(connector, "Weekly picks", "Email A", "run-1");
        var rows = Enumerable.Range(1, 6).Select(Row).ToList();
        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(new DeliveryBatch(target, 1, rows), CancellationToken.None));

        var leaving = new DeliveryBatch(target with { RunId = "run-2" }, 1, rows.Take(2).ToList());
        var removed = await connector.RemoveAsync(leaving, CancellationToken.None);
        var again = await ListrakTestInstance.Connector(_fake).RemoveAsync(leaving, CancellationToken.None);

        var list = _fake.ListId(target.ListName)!;
        Assert.Equal(new BatchOutcome.Delivered(2, ListrakConnector.Reference(list)), removed);
        Assert.Equal(removed, again);
        Assert.Equal(rows.Skip(2).Select(r => r[1]!).Order(), _fake.Rows(list, ["EmailAddress"]).Select(r => r[0]!).Order());
        Assert.Equal(["AddSubscribersAndSegmentationData", "RemoveSubscribers", "RemoveSubscribers"], _fake.Imports(list).Select(i => i.ImportType));
    }

    [Fact]
    public async Task Removing_from_a_list_never_made_sends_nothing_but_the_lookup()
    {
        var connector = ListrakTestInstance.Connector(_fake);

        var removed = await connector.RemoveAsync(new DeliveryBatch(Target(connector, "Never sent", "Email A", "run-1"), 1, [Row(5)]), CancellationToken.None);

        Assert.Equal(new BatchOutcome.Delivered(1, null), removed);
        Assert.Equal(0, _fake.ListsCreated);
        Assert.Equal(0, _fake.RequestsTo("POST /v1/List"));
    }

    protected override Task<IReadOnlyList<string?[]>> ReadDeliveredAsync(IDestinationConnector connector, DeliveryTarget target) =>
        Task.FromResult(_fake.ListId(target.ListName) is { } list ? _fake.Rows(list, Fields) : []);

    // Listrak's record of a delivery is the list's imports; batches here go one import each, in order.
    protected override Task<IReadOnlyList<DeliveredBatch>> ReadCompletedAsync(IDestinationConnector connector, DeliveryTarget target, string? completion)
    {
        var list = _fake.ListId(target.ListName);
        Assert.Equal(list is null ? null : new Uri(_fake.BaseAddress, $"v1/List/{list}").ToString(), completion);
        IReadOnlyList<DeliveredBatch> batches = list is null ? []
            : _fake.Imports(list).Select((i, n) => new DeliveredBatch(n + 1, i.Imported, ListrakConnector.Reference(list))).ToList();
        return Task.FromResult(batches);
    }
}
