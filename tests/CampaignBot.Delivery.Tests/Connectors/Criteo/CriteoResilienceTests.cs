using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Tests.Connectors.Http;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Criteo;

public sealed class CriteoResilienceTests
{
    private static readonly string[] Fields = ["email"];

    private static DeliveryBatch Batch(DeliveryTarget target, int sequence, int first, int rows) =>
        new(target, sequence, Enumerable.Range(first, rows).Select(n => new string?[] { CriteoTestInstance.Hash($"c{n}@example.com") }).ToList());

    private static async Task<FakeCriteo> StartAsync(FaultPlan? faults = null, int permits = 250, TimeSpan? window = null, TimeSpan? tokenLifetime = null, int maxIdentifiers = 50_000, int pageSize = 100)
    {
        var fake = CriteoTestInstance.Fake(faults, permits, window, tokenLifetime, maxIdentifiers, pageSize);
        await fake.StartAsync();
        return fake;
    }

    private static void AssertHolds(FakeCriteo fake, DeliveryTarget target, IEnumerable<DeliveryBatch> batches) =>
        Assert.Equal(batches.SelectMany(b => b.Rows).Select(r => r[0]!).Order().ToList(), fake.Members(fake.SegmentId(target.ListName)!).Order().ToList());

    [Fact]
    public async Task Every_row_arrives_exactly_once_through_throttling_server_errors_and_timeouts()
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Rate = 0.25, Faults = [Fault.TooManyRequests, Fault.Throttled, Fault.ServerError, Fault.Slow], RetryAfter = TimeSpan.FromSeconds(0.5), SlowBy = TimeSpan.FromSeconds(1.5),
        }, maxIdentifiers: 100);
        var connector = CriteoTestInstance.Connector(fake, identifiersPerCall: 100);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 6).Select(s => Batch(target, s, s * 1000, 250)).ToList();

        foreach (var batch in batches)
        {
            var outcome = await RunnerLike.DeliverAsync(connector, batch);
            Assert.Equal(new BatchOutcome.Delivered(250, $"criteo audience segment {fake.SegmentId(target.ListName)}"), outcome);
        }

        AssertHolds(fake, target, batches);
        Assert.True(fake.Faults.Injected(Fault.TooManyRequests) + fake.Faults.Injected(Fault.Throttled) + fake.Faults.Injected(Fault.ServerError) + fake.Faults.Injected(Fault.Slow) > 0);
        Assert.Equal(1, fake.SegmentsCreated);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_batch_goes_in_amendments_within_the_size_limit()
    {
        await using var fake = await StartAsync(maxIdentifiers: 100);
        var connector = CriteoTestInstance.Connector(fake, identifiersPerCall: 100);
        var target = RunnerLike.Target(connector, Fields);
        var batch = Batch(target, 1, 1, 250);

        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));

        Assert.Equal([100, 100, 50], fake.Amendments(fake.SegmentId(target.ListName)!).Select(a => a.Identifiers));
        AssertHolds(fake, target, [batch]);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_token_expiring_mid_push_is_replaced_and_the_push_completes_without_a_failure()
    {
        await using var fake = await StartAsync(maxIdentifiers: 100);
        var connector = CriteoTestInstance.Connector(fake, identifiersPerCall: 100);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 3).Select(s => Batch(target, s, s * 1000, 200)).ToList();

        await HttpConnectorChecks.AssertExpiredTokensAreReplacedAsync(fake, connector, batches);

        AssertHolds(fake, target, batches);
    }

    [Fact]
    public async Task Short_lived_tokens_are_renewed_as_the_push_goes_on()
    {
        await using var fake = await StartAsync(tokenLifetime: TimeSpan.FromSeconds(2));
        var connector = CriteoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 5).Select(s => Batch(target, s, s * 1000, 20)).ToList();

        foreach (var batch in batches)
        {
            Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));
            await Task.Delay(TimeSpan.FromMilliseconds(700));
        }

        Assert.True(fake.TokensIssued >= 2, $"{fake.TokensIssued} tokens");
        AssertHolds(fake, target, batches);
    }

    [Fact]
    public async Task Throttling_is_waited_out_until_the_reset_epoch()
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Script = [Fault.TooManyRequests], RetryAfter = TimeSpan.FromSeconds(1.2), Applies = (method, _) => method == "PATCH",
        });
        var connector = CriteoTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));

        var patches = fake.Requests.Where(r => r.Request.StartsWith("PATCH", StringComparison.Ordinal)).Select(r => r.At).ToList();
        Assert.Equal(2, patches.Count);
        var reset = Assert.Single(fake.Resets);
        Assert.True(patches[1] >= reset, $"retried at {patches[1]:HH:mm:ss.fff}, reset at {reset:HH:mm:ss.fff}");
    }

    [Fact]
    public async Task Calls_are_queued_within_the_rate_limit()
    {
        await using var fake = await StartAsync(permits: 5, window: TimeSpan.FromSeconds(1));
        var connector = CriteoTestInstance.Connector(fake, perSecond: 5, perMinute: 1_000);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 12).Select(s => Batch(target, s, s * 100, 10)).ToList();

        var elapsed = await RunnerLike.TimeAsync(() => Task.WhenAll(batches.Select(b => connector.DeliverAsync(b, CancellationToken.None))));

        Assert.Empty(fake.Violations);
        Assert.True(elapsed >= TimeSpan.FromSeconds(2), $"took {elapsed}");
        AssertHolds(fake, target, batches);
    }

    [Fact]
    public async Task Invalid_identifiers_are_reported_as_partially_rejected()
    {
        await using var fake = await StartAsync();
        var connector = CriteoTestInstance.Connector(fake);
        var batch = new DeliveryBatch(RunnerLike.Target(connector, Fields), 1, [[CriteoTestInstance.Hash("a@example.com")], ["not-a-hash"], [null]]);

        Assert.Equal(new BatchOutcome.PartiallyRejected(1, 2, "Criteo counted 2 of 3 emails invalid (empty, or not SHA-256 hex)."),
            await connector.DeliverAsync(batch, CancellationToken.None));
    }

    [Fact]
    public async Task A_long_outage_opens_the_circuit_and_ends_quickly_as_service_down()
    {
        await using var fake = await StartAsync(new FaultPlan { Outage = true });
        var connector = CriteoTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        await HttpConnectorChecks.AssertOutageOpensTheCircuitQuicklyAsync(fake, connector, batch);
    }

    [Fact]
    public async Task A_revoked_client_secret_is_a_permanent_authentication_failure()
    {
        await using var fake = await StartAsync(new FaultPlan { Revoked = true });
        var connector = CriteoTestInstance.Connector(fake);

        var (_, request) = await HttpConnectorChecks.AssertRevokedIsAuthenticationAsync(fake, connector, Batch(RunnerLike.Target(connector, Fields), 1, 1, 5), CriteoTestInstance.ClientSecret);

        Assert.Equal("POST /oauth2/token", request);
    }

    [Fact]
    public async Task A_secret_revoked_mid_push_is_an_authentication_failure_after_one_renewal()
    {
        await using var fake = await StartAsync();
        var connector = CriteoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);

        await HttpConnectorChecks.AssertRevokedMidPushRenewsOnceAsync(fake, connector, Batch(target, 1, 1, 5), Batch(target, 2, 6, 5), "POST /oauth2/token");
    }

    [Fact]
    public async Task The_segment_is_created_once_across_two_runs_and_found_among_many()
    {
        await using var fake = await StartAsync(pageSize: 2);
        var first = CriteoTestInstance.Connector(fake);
        foreach (var group in new[] { "Other 1", "Other 2", "Other 3" })
        {
            await first.DeliverAsync(Batch(RunnerLike.Target(first, Fields, group: group), 1, 1, 2), CancellationToken.None);
        }

        await first.DeliverAsync(Batch(RunnerLike.Target(first, Fields, runId: "run-1"), 1, 1, 5), CancellationToken.None);
        var second = CriteoTestInstance.Connector(fake);
        await second.DeliverAsync(Batch(RunnerLike.Target(second, Fields, runId: "run-2"), 1, 6, 5), CancellationToken.None);

        Assert.Equal(4, fake.SegmentsCreated);
        Assert.Equal(10, fake.Members(fake.SegmentId(RunnerLike.Target(first, Fields).ListName)!).Count);
        Assert.Empty(fake.Violations);
    }

    [Theory]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.ServerError)]
    public async Task The_segment_is_created_once_when_the_create_fails_or_its_answer_is_lost(Fault fault)
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Script = [fault], SlowBy = TimeSpan.FromSeconds(1.5), Applies = (method, path) => method == "POST" && path.EndsWith("/create", StringComparison.Ordinal),
        });
        var connector = CriteoTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 5);

        Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(connector, batch));

        Assert.Equal(1, fake.SegmentsCreated);
        Assert.Equal(1, fake.Faults.Injected(fault));
        AssertHolds(fake, batch.Target, [batch]);
        Assert.Empty(fake.Violations);
    }
}
