using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Klaviyo;
using CampaignBot.Delivery.Tests.Connectors.Http;
using CampaignBot.Delivery.Tests.Fakes;
using static CampaignBot.Delivery.Tests.Connectors.Klaviyo.KlaviyoTestInstance;

namespace CampaignBot.Delivery.Tests.Connectors.Klaviyo;

public sealed class KlaviyoResilienceTests
{
    private static readonly string[] Fields = ["external_id", "email", "tier"];

    private static async Task<FakeKlaviyo> StartAsync(FaultPlan? faults = null, int perSecond = 10)
    {
        var fake = new FakeKlaviyo(KlaviyoTestInstance.ApiKey, faults, perSecond);
        await fake.StartAsync();
        return fake;
    }

    [Fact]
    public async Task Every_row_arrives_exactly_once_through_throttling_server_errors_and_timeouts()
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Rate = 0.25, Faults = [Fault.TooManyRequests, Fault.ServerError, Fault.Slow], RetryAfter = TimeSpan.FromSeconds(1), SlowBy = TimeSpan.FromSeconds(1.5),
        });
        var connector = KlaviyoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 6).Select(s => Batch(target, s, s * 1000, 250)).ToList();

        var delivered = new List<(int, string?)>();
        foreach (var batch in batches)
        {
            var outcome = Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(connector, batch));
            Assert.Equal(250, outcome.Rows);
            Assert.StartsWith($"klaviyo list {fake.ListId(target.ListName)} jobs J", outcome.Reference, StringComparison.Ordinal);
            delivered.Add((outcome.Rows, outcome.Reference));
        }

        Assert.Equal(1_500, await CompleteAsync(connector, target, delivered));
        AssertHolds(fake, target, batches);
        Assert.True(fake.Faults.Injected(Fault.TooManyRequests) + fake.Faults.Injected(Fault.ServerError) + fake.Faults.Injected(Fault.Slow) > 0);
        Assert.Equal(1, fake.ListsCreated);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Retry_after_is_waited_out_before_the_import_is_sent_again()
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Script = [Fault.TooManyRequests], RetryAfter = TimeSpan.FromSeconds(1), Applies = (method, path) => method == "POST" && path.EndsWith("jobs", StringComparison.Ordinal),
        });
        var connector = KlaviyoTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));

        var posts = fake.Requests.Where(r => r.Request == "POST /api/profile-bulk-import-jobs").Select(r => r.At).ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1] - posts[0] >= TimeSpan.FromSeconds(0.95), $"retried after {(posts[1] - posts[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Parallel_deliveries_are_queued_within_the_rate_limit()
    {
        await using var fake = await StartAsync(perSecond: 4);
        var connector = KlaviyoTestInstance.Connector(fake, perSecond: 4);
        var targets = Enumerable.Range(1, 3).Select(g => RunnerLike.Target(connector, Fields, group: $"Group {g}")).ToList();
        var batches = targets.SelectMany(t => Enumerable.Range(1, 3).Select(s => Batch(t, s, s * 100, 20))).ToList();

        var counts = new Dictionary<string, long?>();
        await Task.WhenAll(targets.Select(async target =>
        {
            var mine = batches.Where(b => b.Target == target).ToList();
            var outcomes = await Task.WhenAll(mine.Select(b => connector.DeliverAsync(b, CancellationToken.None)));
            var count = await CompleteAsync(connector, target, outcomes.Cast<BatchOutcome.Delivered>().Select(o => (o.Rows, o.Reference)));
            lock (counts)
            {
                counts[target.Group] = count;
            }
        }));

        Assert.Empty(fake.Violations);
        Assert.Equal(targets.ToDictionary(t => t.Group, _ => (long?)60), counts);
        foreach (var target in targets)
        {
            AssertHolds(fake, target, batches.Where(b => b.Target == target));
        }
    }

    [Fact]
    public async Task A_batch_over_five_megabytes_is_split_into_jobs_within_the_limit()
    {
        await using var fake = await StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batch = Batch(target, 1, 1, 2_000, padding: 3_000);

        var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));

        var jobs = fake.JobsOf(fake.ListId(target.ListName)!);
        Assert.Equal(2, jobs.Count);
        Assert.Equal(2_000, jobs.Sum(j => j.Imported));
        Assert.Equal(jobs.Select(j => j.Id), KlaviyoConnector.JobIds(outcome.Reference));
        Assert.Equal(2_000, await CompleteAsync(connector, target, [(outcome.Rows, outcome.Reference)]));
        AssertHolds(fake, target, [batch]);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task The_limits_hold_when_the_service_counts_requests_long_after_they_left()
    {
        // Every tenth request waits 300 ms inside the service before it is counted, as on a busy server.
        await using var fake = new FakeKlaviyo(KlaviyoTestInstance.ApiKey, busyFor: TimeSpan.FromMilliseconds(300));
        await fake.StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 32).Select(s => Batch(target, s, s * 100, 20)).ToList();

        var outcomes = new BatchOutcome[batches.Count];
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, _) =>
            outcomes[batch.Sequence - 1] = await RunnerLike.DeliverAsync(connector, batch));
        var count = await CompleteAsync(connector, target, outcomes.Cast<BatchOutcome.Delivered>().Select(o => (o.Rows, o.Reference)));

        Assert.Empty(fake.Violations);
        Assert.Equal(640, count);
        Assert.True(fake.RequestsTo("POST /api/profile-bulk-import-jobs") >= 32);
        AssertHolds(fake, target, batches);
    }

    [Fact]
    public async Task An_account_on_a_lower_tier_than_configured_is_paced_by_klaviyos_ratelimit_headers()
    {
        // The account allows 2 imports a second; the instance was set up for the default 10. Only the answers'
        // RateLimit-Remaining: 0 and RateLimit-Reset tell the connector to wait.
        await using var fake = new FakeKlaviyo(KlaviyoTestInstance.ApiKey, perSecond: 2);
        await fake.StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 6).Select(s => Batch(target, s, s * 100, 20)).ToList();

        var outcomes = new List<BatchOutcome.Delivered>();
        foreach (var batch in batches)
        {
            outcomes.Add(Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None)));
        }

        var imports = fake.Requests.Where(r => r.Request == "POST /api/profile-bulk-import-jobs").Select(r => r.At).Order().ToList();
        Assert.Empty(fake.Violations);
        Assert.Equal(6, imports.Count);
        Assert.True(imports[4] - imports[2] >= TimeSpan.FromSeconds(1), $"The fifth import came {(imports[4] - imports[2]).TotalMilliseconds:0} ms after the third.");
        Assert.Equal(120, await CompleteAsync(connector, target, outcomes.Select(o => (o.Rows, o.Reference))));
        AssertHolds(fake, target, batches);
    }

    [Fact]
    public async Task A_fake_keeping_only_digests_holds_the_same_profiles_as_one_keeping_their_values()
    {
        await using var whole = new FakeKlaviyo(KlaviyoTestInstance.ApiKey);
        await using var compact = new FakeKlaviyo(KlaviyoTestInstance.ApiKey, keepAttributes: false);
        foreach (var fake in new[] { whole, compact })
        {
            await fake.StartAsync();
            var connector = KlaviyoTestInstance.Connector(fake);
            var target = RunnerLike.Target(connector, Fields);
            var batches = new[] { Batch(target, 1, 1, 300), Batch(target, 2, 301, 300) };
            var outcomes = new List<BatchOutcome.Delivered>();
            foreach (var batch in batches.Append(batches[1]))
            {
                outcomes.Add(Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None)));
            }

            var list = fake.ListId(target.ListName)!;
            Assert.Equal(600, fake.MemberCount(list));
            Assert.Equal(600, fake.CountHeld(list, batches.SelectMany(b => b.Rows).Select(r => r[0]!).Append("C9999999")));
            Assert.Empty(fake.Violations);
        }

        Assert.Empty(compact.Members(compact.ListId(RunnerLike.Target(KlaviyoTestInstance.Connector(compact), Fields).ListName)!));
    }

    [Fact]
    public async Task A_long_outage_opens_the_circuit_and_ends_quickly_as_service_down()
    {
        await using var fake = await StartAsync(new FaultPlan { Outage = true });
        var connector = KlaviyoTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        await HttpConnectorChecks.AssertOutageOpensTheCircuitQuicklyAsync(fake, connector, batch);
    }

    [Fact]
    public async Task A_revoked_key_is_a_permanent_authentication_failure()
    {
        await using var fake = await StartAsync(new FaultPlan { Revoked = true });
        var connector = KlaviyoTestInstance.Connector(fake);

        var outcome = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(Batch(RunnerLike.Target(connector, Fields), 1, 1, 5), CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, outcome.Kind);
        Assert.DoesNotContain(KlaviyoTestInstance.ApiKey, outcome.Reason, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task The_list_is_created_once_across_two_runs()
    {
        await using var fake = await StartAsync();
        var first = KlaviyoTestInstance.Connector(fake);
        var second = KlaviyoTestInstance.Connector(fake);

        await first.DeliverAsync(Batch(RunnerLike.Target(first, Fields, runId: "run-1"), 1, 1, 5), CancellationToken.None);
        await second.DeliverAsync(Batch(RunnerLike.Target(second, Fields, runId: "run-2"), 1, 6, 5), CancellationToken.None);

        Assert.Equal(1, fake.ListsCreated);
        Assert.Equal(10, fake.Members(fake.ListId(RunnerLike.Target(first, Fields).ListName)!).Count);
    }

    [Theory]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.ServerError)]
    public async Task The_list_is_created_once_when_the_create_fails_or_its_answer_is_lost(Fault fault)
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Script = [fault], SlowBy = TimeSpan.FromSeconds(1.5), Applies = (method, path) => method == "POST" && path == "/api/lists",
        });
        var connector = KlaviyoTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 5);

        Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(connector, batch));

        Assert.Equal(1, fake.ListsCreated);
        Assert.Equal(1, fake.Faults.Injected(fault));
        AssertHolds(fake, batch.Target, [batch]);
    }
}
