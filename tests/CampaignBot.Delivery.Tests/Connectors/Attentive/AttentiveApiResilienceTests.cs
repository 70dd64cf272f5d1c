using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Attentive;
using CampaignBot.Delivery.Tests.Connectors.Http;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.Attentive;

public sealed class AttentiveApiResilienceTests
{
    private static readonly string[] Fields = ["customer_id", "email"];

    private static DeliveryBatch Batch(DeliveryTarget target, int sequence, int first, int rows) =>
        new(target, sequence, Enumerable.Range(first, rows).Select(n => new string?[] { $"C{n:D6}", $"c{n}@example.com" }).ToList());

    private static async Task<FakeAttentive> StartAsync(FaultPlan? faults = null, int permitsPerSecond = 150, int maxMembers = 10_000, int pollsUntilDone = 1)
    {
        var fake = AttentiveApiTestInstance.Fake(faults, permitsPerSecond, maxMembers, pollsUntilDone);
        await fake.StartAsync();
        return fake;
    }

    private static void AssertHolds(FakeAttentive fake, DeliveryTarget target, IEnumerable<DeliveryBatch> batches) =>
        Assert.Equal(batches.SelectMany(b => b.Rows).Select(r => (r[1]!, r[0])).Order(), fake.Members(AttentiveApiConnector.ExternalId(target)).Order());

    [Fact]
    public async Task Every_row_arrives_exactly_once_through_throttling_server_errors_and_timeouts()
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Rate = 0.25, Faults = [Fault.TooManyRequests, Fault.ServerError, Fault.Slow], SlowBy = TimeSpan.FromSeconds(1.5),
        }, maxMembers: 100, pollsUntilDone: 2);
        var connector = AttentiveApiTestInstance.Connector(fake, membersPerRequest: 100);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 5).Select(s => Batch(target, s, s * 1000, 250)).ToList();

        foreach (var batch in batches)
        {
            Assert.Equal(new BatchOutcome.Delivered(250, AttentiveApiConnector.Reference(AttentiveApiConnector.ExternalId(target))), await RunnerLike.DeliverAsync(connector, batch));
        }

        AssertHolds(fake, target, batches);
        Assert.True(fake.Faults.Injected(Fault.TooManyRequests) + fake.Faults.Injected(Fault.ServerError) + fake.Faults.Injected(Fault.Slow) > 0);
        Assert.Equal(1, fake.SegmentsCreated);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_batch_goes_in_bulk_requests_within_the_size_limit_each_polled_until_completed()
    {
        await using var fake = await StartAsync(maxMembers: 100, pollsUntilDone: 3);
        var connector = AttentiveApiTestInstance.Connector(fake, membersPerRequest: 100);
        var target = RunnerLike.Target(connector, Fields);
        var batch = Batch(target, 1, 1, 250);

        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));

        Assert.Equal([100, 100, 50], fake.Jobs(AttentiveApiConnector.ExternalId(target)).Select(j => j.Members));
        Assert.Equal(3 * 4, fake.RequestsTo("GET /v2/bulk/job/"));
        AssertHolds(fake, target, [batch]);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_failed_bulk_job_hands_the_batch_back_and_sending_it_again_adds_no_one_twice()
    {
        await using var fake = await StartAsync();
        fake.FailNextJobs = 1;
        var connector = AttentiveApiTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 20);

        var failed = Assert.IsType<BatchOutcome.Transient>(await connector.DeliverAsync(batch, CancellationToken.None));
        var again = await connector.DeliverAsync(batch, CancellationToken.None);

        Assert.Equal(FailureKind.ServiceDown, failed.Kind);
        Assert.IsType<BatchOutcome.Delivered>(again);
        AssertHolds(fake, batch.Target, [batch]);
    }

    [Fact]
    public async Task Throttling_without_retry_after_is_waited_out_a_second_at_a_time()
    {
        await using var fake = await StartAsync(new FaultPlan { Script = [Fault.TooManyRequests, Fault.TooManyRequests], Applies = (method, path) => method == "POST" && path == "/v2/bulk/segments/members" });
        var connector = AttentiveApiTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        var elapsed = await RunnerLike.TimeAsync(async () => Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None)));

        Assert.Equal(2, fake.Faults.Injected(Fault.TooManyRequests));
        Assert.True(elapsed >= TimeSpan.FromSeconds(1.9), $"took {elapsed}");
        AssertHolds(fake, batch.Target, [batch]);
    }

    [Fact]
    public async Task Calls_are_queued_within_the_rate_limit()
    {
        await using var fake = await StartAsync(permitsPerSecond: 5, maxMembers: 10);
        var connector = AttentiveApiTestInstance.Connector(fake, perSecond: 5, membersPerRequest: 10);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 2).Select(s => Batch(target, s, s * 100, 40)).ToList();

        await Task.WhenAll(batches.Select(b => connector.DeliverAsync(b, CancellationToken.None)));

        Assert.True(fake.Requests.Count > 10);
        AssertHolds(fake, target, batches);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_long_outage_opens_the_circuit_and_ends_quickly_as_service_down()
    {
        await using var fake = await StartAsync(new FaultPlan { Outage = true });
        var connector = AttentiveApiTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        await HttpConnectorChecks.AssertOutageOpensTheCircuitQuicklyAsync(fake, connector, batch);
    }

    [Fact]
    public async Task A_revoked_api_key_is_a_permanent_authentication_failure_without_the_key_in_the_reason()
    {
        await using var fake = await StartAsync(new FaultPlan { Revoked = true });
        var connector = AttentiveApiTestInstance.Connector(fake);

        var (outcome, request) = await HttpConnectorChecks.AssertRevokedIsAuthenticationAsync(fake, connector, Batch(RunnerLike.Target(connector, Fields), 1, 1, 5), AttentiveApiTestInstance.ApiKey);

        Assert.DoesNotContain("example.com", outcome.Reason, StringComparison.Ordinal);
        Assert.StartsWith("GET /v2/segments/external/", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_revoked_mid_push_stops_the_next_batch_as_an_authentication_failure()
    {
        await using var fake = await StartAsync();
        var connector = AttentiveApiTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 1, 1, 5), CancellationToken.None));
        fake.Faults.Plan.Revoked = true;

        var outcome = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(Batch(target, 2, 6, 5), CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, outcome.Kind);
        AssertHolds(fake, target, [Batch(target, 1, 1, 5)]);
    }

    [Fact]
    public async Task The_segment_is_created_once_across_runs_connectors_and_concurrent_batches()
    {
        await using var fake = await StartAsync();
        var first = AttentiveApiTestInstance.Connector(fake);
        var run1 = RunnerLike.Target(first, Fields, runId: "run-1");
        await Task.WhenAll(Enumerable.Range(1, 4).Select(s => first.DeliverAsync(Batch(run1, s, s * 10, 5), CancellationToken.None)));
        var second = AttentiveApiTestInstance.Connector(fake);
        await second.DeliverAsync(Batch(RunnerLike.Target(second, Fields, runId: "run-2"), 1, 100, 5), CancellationToken.None);

        Assert.Equal(1, fake.SegmentsCreated);
        Assert.Equal(1, fake.RequestsTo("POST /v2/segments"));
        Assert.Equal(25, fake.Members(AttentiveApiConnector.ExternalId(run1)).Count);
        Assert.Empty(fake.Violations);
    }

    [Theory]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.ServerError)]
    public async Task The_segment_is_created_once_when_the_create_fails_or_its_answer_is_lost(Fault fault)
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Script = [fault], SlowBy = TimeSpan.FromSeconds(1.5), Applies = (method, path) => method == "POST" && path == "/v2/segments",
        });
        var connector = AttentiveApiTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 5);

        Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(connector, batch));

        Assert.Equal(1, fake.SegmentsCreated);
        Assert.Equal(1, fake.Faults.Injected(fault));
        AssertHolds(fake, batch.Target, [batch]);
        Assert.Empty(fake.Violations);
    }
}
