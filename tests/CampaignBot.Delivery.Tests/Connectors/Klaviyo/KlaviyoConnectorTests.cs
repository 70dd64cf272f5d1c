using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Klaviyo;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Klaviyo;

public sealed class KlaviyoConnectorTests : ConnectorContractTests, IAsyncLifetime
{
    private readonly FakeKlaviyo _fake = new(KlaviyoTestInstance.ApiKey);

    protected override bool RunsShareTheList => true;

    protected override IReadOnlyList<string> Fields => ["external_id", "email"];

    // Each send is a new import job; the list is what holds the profiles.
    protected override string? HeldPart(string? reference) => reference?[..reference.IndexOf(" jobs ", StringComparison.Ordinal)];

    public Task InitializeAsync() => _fake.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(_fake.Violations);
        await _fake.DisposeAsync();
    }

    protected override IDestinationConnector CreateConnector() => KlaviyoTestInstance.Connector(_fake);

    protected override Task<IReadOnlyList<string?[]>> ReadDeliveredAsync(IDestinationConnector connector, DeliveryTarget target)
    {
        var list = _fake.ListId(target.ListName);
        IReadOnlyList<string?[]> rows = list is null ? [] : _fake.Members(list).Select(m => KlaviyoTestInstance.Row(m, target.Fields)).ToList();
        return Task.FromResult(rows);
    }

    // Klaviyo's record of a delivery is the list's import jobs; batches here go one job each, in order.
    protected override Task<IReadOnlyList<DeliveredBatch>> ReadCompletedAsync(IDestinationConnector connector, DeliveryTarget target, string? completion)
    {
        var list = _fake.ListId(target.ListName);
        Assert.Equal(list is null ? null : new Uri(_fake.BaseAddress, $"api/lists/{list}").ToString(), completion);
        IReadOnlyList<DeliveredBatch> batches = list is null ? [] : _fake.JobsOf(list).Select((job, i) => new DeliveredBatch(i + 1, job.Imported, KlaviyoConnector.Reference(list, [job.Id]))).ToList();
        return Task.FromResult(batches);
    }
}
