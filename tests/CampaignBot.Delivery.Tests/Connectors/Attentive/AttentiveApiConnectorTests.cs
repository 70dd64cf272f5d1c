using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Attentive;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Attentive;

public sealed class AttentiveApiConnectorTests : ConnectorContractTests, IAsyncLifetime
{
    private readonly FakeAttentive _fake = AttentiveApiTestInstance.Fake();

    protected override bool RunsShareTheList => true;

    protected override IReadOnlyList<string> Fields => ["customer_id", "email"];

    protected override string?[] Row(int n) => [$"C{n:D6}", $"customer{n}@example.com"];

    public Task InitializeAsync() => _fake.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(_fake.Violations);
        await _fake.DisposeAsync();
    }

    protected override IDestinationConnector CreateConnector() => AttentiveApiTestInstance.Connector(_fake);

    [Fact]
    public async Task Removing_people_who_left_the_group_takes_them_out_of_the_segment_and_no_one_else()
    {
        var connector = AttentiveApiTestInstance.Connector(_fake);
        var target = Target(connector, "Weekly picks", "Email A", "run-1");
        var rows = Enumerable.Range(1, 6).Select(Row).ToList();
        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(new DeliveryBatch(target, 1, rows), CancellationToken.None));

        var removed = await connector.RemoveAsync(new DeliveryBatch(target with { RunId = "run-2" }, 1, rows.Take(2).ToList()), CancellationToken.None);
        var again = await AttentiveApiTestInstance.Connector(_fake).RemoveAsync(new DeliveryBatch(target with { RunId = "run-2" }, 1, rows.Take(2).ToList()), CancellationToken.None);

        var externalId = AttentiveApiConnector.ExternalId(target);
        Assert.Equal(new BatchOutcome.Delivered(2, AttentiveApiConnector.Reference(externalId)), removed);
        Assert.Equal(removed, again);
        Assert.Equal(rows.Skip(2).Select(r => r[1]!).Order(), _fake.Members(externalId).Select(m => m.Identifier).Order());
        Assert.Equal(["add", "remove", "remove"], _fake.Jobs(externalId).Select(j => j.Operation));
    }

    [Fact]
    public async Task Removing_from_a_segment_never_made_sends_nothing_but_the_lookup()
    {
        var connector = AttentiveApiTestInstance.Connector(_fake);

        var removed = await connector.RemoveAsync(new DeliveryBatch(Target(connector, "Never sent", "Email A", "run-1"), 1, [Row(5)]), CancellationToken.None);

        Assert.Equal(new BatchOutcome.Delivered(1, null), removed);
        Assert.Equal(0, _fake.SegmentsCreated);
        Assert.Equal(["GET"], _fake.Requests.Select(r => r.Request.Split(' ')[0]));
    }

    [Fact]
    public async Task Phones_go_as_e164_and_a_batch_mixing_emails_and_phones_is_refused_whole()
    {
        var connector = AttentiveApiTestInstance.Connector(_fake);
        var sms = Target(connector, "Flash sale", "SMS A") with { Fields = ["phone"] };
        var mixed = Target(connector, "Flash sale", "Mixed") with { Fields = ["email", "phone"] };

        var delivered = await connector.DeliverAsync(new DeliveryBatch(sms, 1, [["+14155550101"], ["+447700900123"]]), CancellationToken.None);
        var refused = await connector.DeliverAsync(new DeliveryBatch(mixed, 1, [["a@example.com", null], [null, "+14155550101"]]), CancellationToken.None);

        Assert.IsType<BatchOutcome.Delivered>(delivered);
        Assert.Equal([("+14155550101", (string?)null), ("+447700900123", null)], _fake.Members(AttentiveApiConnector.ExternalId(sms)).OrderBy(m => m.Identifier, StringComparer.Ordinal));
        Assert.Equal(FailureKind.InvalidData, Assert.IsType<BatchOutcome.Permanent>(refused).Kind);
        Assert.False(_fake.HasSegment(AttentiveApiConnector.ExternalId(mixed)));
    }

    [Fact]
    public void The_external_id_is_a_stable_slug_of_campaign_and_group_that_tells_alike_names_apart()
    {
        var connector = AttentiveApiTestInstance.Connector(_fake);
        var target = Target(connector, "Spring Sale!", "Active email A");

        var id = AttentiveApiConnector.ExternalId(target);

        Assert.Equal(id, AttentiveApiConnector.ExternalId(target with { RunId = "run-9" }));
        Assert.Matches("^campaignbot-[a-z0-9-]+-[0-9a-f]{12}$", id);
        Assert.NotEqual(id, AttentiveApiConnector.ExternalId(Target(connector, "Spring Sale?", "Active email A")));
    }

    protected override Task<IReadOnlyList<string?[]>> ReadDeliveredAsync(IDestinationConnector connector, DeliveryTarget target)
    {
        IReadOnlyList<string?[]> rows = _fake.Members(AttentiveApiConnector.ExternalId(target)).Select(m => new[] { m.ClientUserId, m.Identifier }).ToList();
        return Task.FromResult(rows);
    }

    // Attentive's record of a delivery is the segment's bulk jobs; batches here go one job each, in order.
    protected override Task<IReadOnlyList<DeliveredBatch>> ReadCompletedAsync(IDestinationConnector connector, DeliveryTarget target, string? completion)
    {
        var externalId = AttentiveApiConnector.ExternalId(target);
        var exists = _fake.HasSegment(externalId);
        Assert.Equal(exists ? new Uri(_fake.BaseAddress, $"v2/segments/external/{externalId}").ToString() : null, completion);
        IReadOnlyList<DeliveredBatch> batches = _fake.Jobs(externalId).Select((j, i) => new DeliveredBatch(i + 1, j.Members, AttentiveApiConnector.Reference(externalId))).ToList();
        return Task.FromResult(batches);
    }
}
