using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Listrak;
using CampaignBot.Delivery.Tests.Connectors.Http;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Listrak;

public sealed class ListrakResilienceTests
{
    private static readonly string[] Fields = ["EmailAddress", "given_name", "tier"];
    private static readonly string[] EmailOnly = ["EmailAddress"];

    private static DeliveryBatch Batch(DeliveryTarget target, int sequence, int first, int rows) =>
        new(target, sequence, Enumerable.Range(first, rows).Select(n => new string?[] { $"c{n}@example.com", $"Name {n}", n % 2 == 0 ? "gold" : "silver" }).ToList());

    private static async Task<FakeListrak> StartAsync(FaultPlan? faults = null, TimeSpan? tokenLifetime = null, int pollsPerImport = 2)
    {
        var fake = ListrakTestInstance.Fake(faults, tokenLifetime, pollsPerImport);
        await fake.StartAsync();
        return fake;
    }

    private static void AssertHolds(FakeListrak fake, DeliveryTarget target, IEnumerable<DeliveryBatch> batches) =>
        Assert.Equal(
            batches.SelectMany(b => b.Rows).Select(r => string.Join('|', r)).Order(StringComparer.Ordinal),
            fake.Rows(fake.ListId(target.ListName)!, Fields).Select(r => string.Join('|', r)).Order(StringComparer.Ordinal));

    [Fact]
    public async Task Every_row_arrives_exactly_once_through_throttling_server_errors_and_timeouts()
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Rate = 0.25, Faults = [Fault.TooManyRequests, Fault.ServerError, Fault.Slow], SlowBy = TimeSpan.FromSeconds(1.5),
        });
        var connector = ListrakTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 6).Select(s => Batch(target, s, s * 1000, 200)).ToList();

        foreach (var batch in batches)
        {
            var outcome = await RunnerLike.DeliverAsync(connector, batch);
            Assert.Equal(new BatchOutcome.Delivered(200, ListrakConnector.Reference(fake.ListId(target.ListName)!)), outcome);
        }

        AssertHolds(fake, target, batches);
        Assert.True(fake.Faults.Injected(Fault.TooManyRequests) + fake.Faults.Injected(Fault.ServerError) + fake.Faults.Injected(Fault.Slow) > 0);
        Assert.Equal((1, 1, 2), (fake.ListsCreated, fake.FieldGroupsCreated, fake.FieldsCreated));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_token_expiring_mid_push_is_replaced_and_the_push_completes_without_a_failure()
    {
        await using var fake = await StartAsync();
        var connector = ListrakTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 3).Select(s => Batch(target, s, s * 1000, 50)).ToList();

        await HttpConnectorChecks.AssertExpiredTokensAreReplacedAsync(fake, connector, batches);

        AssertHolds(fake, target, batches);
    }

    [Fact]
    public async Task Short_lived_tokens_are_renewed_before_they_expire()
    {
        await using var fake = await StartAsync(tokenLifetime: TimeSpan.FromSeconds(2));
        var connector = ListrakTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 4).Select(s => Batch(target, s, s * 1000, 20)).ToList();

        foreach (var batch in batches)
        {
            Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));
            await Task.Delay(TimeSpan.FromMilliseconds(700));
        }

        Assert.True(fake.TokensIssued >= 2, $"{fake.TokensIssued} tokens");
        AssertHolds(fake, target, batches);
    }

    [Fact]
    public async Task Each_batch_is_one_import_polled_until_listrak_has_processed_it()
    {
        await using var fake = await StartAsync(pollsPerImport: 4);
        var connector = ListrakTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = new[] { Batch(target, 1, 1, 30), Batch(target, 2, 31, 20) };

        foreach (var batch in batches)
        {
            Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));
        }

        var list = fake.ListId(target.ListName)!;
        Assert.Equal([("AddSubscribersAndSegmentationData", 30), ("AddSubscribersAndSegmentationData", 20)], fake.Imports(list));
        Assert.Equal(2 * 5, fake.Requests.Count(r => r.Request.EndsWith("/Status", StringComparison.Ordinal)));
        Assert.Equal(2, fake.Requests.Count(r => r.Request.EndsWith("/Summary", StringComparison.Ordinal)));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Contacts_listrak_could_not_import_are_reported_as_partially_rejected()
    {
        await using var fake = await StartAsync();
        var connector = ListrakTestInstance.Connector(fake);
        var batch = new DeliveryBatch(RunnerLike.Target(connector, EmailOnly), 1, [["a@example.com"], ["not-an-email"], [null]]);

        Assert.Equal(new BatchOutcome.PartiallyRejected(1, 2, "Listrak could not import 2 of 3 contacts (missing or invalid email)."),
            await connector.DeliverAsync(batch, CancellationToken.None));
        Assert.Equal([("AddSubscribers", 1)], fake.Imports(fake.ListId(batch.Target.ListName)!));
        Assert.Equal(0, fake.FieldGroupsCreated);
    }

    [Fact]
    public async Task A_long_outage_opens_the_circuit_and_ends_quickly_as_service_down()
    {
        await using var fake = await StartAsync(new FaultPlan { Outage = true });
        var connector = ListrakTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        await HttpConnectorChecks.AssertOutageOpensTheCircuitQuicklyAsync(fake, connector, batch);
    }

    [Fact]
    public async Task A_revoked_client_secret_is_a_permanent_authentication_failure()
    {
        await using var fake = await StartAsync(new FaultPlan { Revoked = true });
        var connector = ListrakTestInstance.Connector(fake);

        var (_, request) = await HttpConnectorChecks.AssertRevokedIsAuthenticationAsync(fake, connector, Batch(RunnerLike.Target(connector, Fields), 1, 1, 5), ListrakTestInstance.ClientSecret);

        Assert.Equal("POST /OAuth2/Token", request);
    }

    [Fact]
    public async Task A_secret_revoked_mid_push_is_an_authentication_failure_after_one_renewal()
    {
        await using var fake = await StartAsync();
        var connector = ListrakTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);

        await HttpConnectorChecks.AssertRevokedMidPushRenewsOnceAsync(fake, connector, Batch(target, 1, 1, 5), Batch(target, 2, 6, 5), "POST /OAuth2/Token");
    }

    [Fact]
    public async Task The_list_and_its_fields_are_created_once_across_runs_and_new_attributes_join_the_group()
    {
        await using var fake = await StartAsync();
        var first = ListrakTestInstance.Connector(fake);
        await first.DeliverAsync(Batch(RunnerLike.Target(first, Fields, runId: "run-1"), 1, 1, 5), CancellationToken.None);
        await first.DeliverAsync(Batch(RunnerLike.Target(first, Fields, runId: "run-1"), 2, 6, 5), CancellationToken.None);
        var second = ListrakTestInstance.Connector(fake);
        var wider = RunnerLike.Target(second, [.. Fields, "city"], runId: "run-2");
        var outcome = await second.DeliverAsync(new DeliveryBatch(wider, 1, [["c11@example.com", "Name 11", "gold", "Oslo"]]), CancellationToken.None);

        Assert.IsType<BatchOutcome.Delivered>(outcome);
        Assert.Equal((1, 1, 3), (fake.ListsCreated, fake.FieldGroupsCreated, fake.FieldsCreated));
        Assert.Equal(11, fake.Rows(fake.ListId(wider.ListName)!, EmailOnly).Count);
        Assert.Equal(["Oslo"], fake.Rows(fake.ListId(wider.ListName)!, ["city"]).Select(r => r[0]).OfType<string>());
        Assert.Empty(fake.Violations);
    }

    [Theory]
    [InlineData(Fault.Slow, "POST /v1/List")]
    [InlineData(Fault.ServerError, "POST /v1/List")]
    [InlineData(Fault.Slow, "POST /v1/List/*/SegmentationFieldGroup")]
    [InlineData(Fault.ServerError, "POST /v1/List/*/SegmentationFieldGroup/*/SegmentationField")]
    public async Task Nothing_is_created_twice_when_a_create_fails_or_its_answer_is_lost(Fault fault, string create)
    {
        var pattern = new System.Text.RegularExpressions.Regex("^" + create.Replace("*", "[0-9]+", StringComparison.Ordinal) + "$");
        await using var fake = await StartAsync(new FaultPlan { Script = [fault], SlowBy = TimeSpan.FromSeconds(1.5), Applies = (method, path) => pattern.IsMatch($"{method} {path}") });
        var connector = ListrakTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 5);

        Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(connector, batch));

        Assert.Equal((1, 1, 2), (fake.ListsCreated, fake.FieldGroupsCreated, fake.FieldsCreated));
        Assert.Equal(1, fake.Faults.Injected(fault));
        AssertHolds(fake, batch.Target, [batch]);
        Assert.Empty(fake.Violations);
    }
}
