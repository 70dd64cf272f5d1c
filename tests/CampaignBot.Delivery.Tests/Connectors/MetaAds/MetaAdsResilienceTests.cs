using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Tests.Connectors.Http;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.MetaAds;

public sealed class MetaAdsResilienceTests
{
    private static readonly string[] Fields = ["EMAIL", "PHONE", "FN", "EXTERN_ID"];

    private static DeliveryBatch Batch(DeliveryTarget target, int sequence, int first, int rows) =>
        new(target, sequence, Enumerable.Range(first, rows)
            .Select(n => new string?[] { MetaTestInstance.Hash($"c{n}@example.com"), n % 4 == 0 ? null : MetaTestInstance.Hash($"1555{n:D7}"), MetaTestInstance.Hash("ann"), $"C{n}" })
            .ToList());

    private static async Task<FakeMeta> StartAsync(FaultPlan? faults = null, int perSecond = 20)
    {
        var fake = MetaTestInstance.Fake(faults, perSecond);
        await fake.StartAsync();
        return fake;
    }

    private static void AssertHolds(FakeMeta fake, DeliveryTarget target, IEnumerable<DeliveryBatch> batches) =>
        Assert.Equal(
            batches.SelectMany(b => b.Rows).Select(r => string.Join('|', r.Select(v => v ?? ""))).Order().ToList(),
            fake.Members(fake.AudienceId(target.ListName)!).Order().ToList());

    [Fact]
    public async Task A_fake_keeping_only_digests_holds_the_same_rows_as_one_keeping_them_whole()
    {
        await using var whole = MetaTestInstance.Fake();
        await using var compact = new FakeMeta(MetaTestInstance.Token, MetaTestInstance.Account, perSecond: 20, perMinute: 600, keepRows: false);
        string?[][] notSent = [["x", null, "y", "C0"]];
        foreach (var fake in new[] { whole, compact })
        {
            await fake.StartAsync();
            var connector = MetaTestInstance.Connector(fake);
            var target = RunnerLike.Target(connector, Fields);
            var batches = new[] { Batch(target, 1, 1, 300), Batch(target, 2, 301, 300) };

            // The second batch twice, as after a lost answer: still 600 members.
            foreach (var batch in batches.Append(batches[1]))
            {
                Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));
            }

            var audience = fake.AudienceId(target.ListName)!;
            Assert.Equal(600, fake.MemberCount(audience));
            Assert.Equal(600, fake.CountHeld(audience, batches.SelectMany(b => b.Rows).Concat(notSent)));
            Assert.Empty(fake.Violations);
        }

        Assert.Empty(compact.Members(compact.AudienceId(RunnerLike.Target(MetaTestInstance.Connector(compact), Fields).ListName)!));
    }

    [Fact]
    public async Task Every_row_arrives_exactly_once_through_throttling_codes_server_errors_and_timeouts()
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Rate = 0.3, Faults = [Fault.Throttled, Fault.TooManyRequests, Fault.ServerError, Fault.Slow], RetryAfter = TimeSpan.FromSeconds(1), SlowBy = TimeSpan.FromSeconds(1.5),
        });
        var connector = MetaTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 8).Select(s => Batch(target, s, s * 1000, 300)).ToList();

        foreach (var batch in batches)
        {
            Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(connector, batch));
        }

        AssertHolds(fake, target, batches);
        Assert.Equal(Enumerable.Range(1, 8), fake.Session(fake.AudienceId(target.ListName)!, CampaignBot.Delivery.Connectors.MetaAds.MetaAdsConnector.SessionId(target)).Select(b => b.Sequence));
        Assert.True(fake.Faults.Injected(Fault.Throttled) > 0);
        Assert.Equal(1, fake.AudiencesCreated);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Graph_throttling_codes_are_waited_out_not_failed()
    {
        await using var fake = await StartAsync(new FaultPlan { Script = [Fault.Throttled, Fault.Throttled], Applies = (_, path) => path.EndsWith("/users", StringComparison.Ordinal) });
        var connector = MetaTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        Assert.Equal(10, Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None)).Rows);

        Assert.Equal(3, fake.RequestsTo("POST /v21.0/2385"));
    }

    [Fact]
    public async Task Calls_are_queued_within_the_rate_limit()
    {
        await using var fake = await StartAsync(perSecond: 5);
        var connector = MetaTestInstance.Connector(fake, perSecond: 5);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 12).Select(s => Batch(target, s, s * 100, 10)).ToList();

        var elapsed = await RunnerLike.TimeAsync(() => Task.WhenAll(batches.Select(b => connector.DeliverAsync(b, CancellationToken.None))));

        Assert.Empty(fake.Violations);
        Assert.True(elapsed >= TimeSpan.FromSeconds(2), $"took {elapsed}");
        AssertHolds(fake, target, batches);
    }

    [Fact]
    public async Task Invalid_rows_are_reported_as_partially_rejected()
    {
        await using var fake = await StartAsync();
        var connector = MetaTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batch = new DeliveryBatch(target, 1, [[MetaTestInstance.Hash("a@example.com"), null, null, null], [null, null, null, null]]);

        Assert.Equal(new BatchOutcome.PartiallyRejected(1, 1, "Meta reported 1 of 2 rows invalid (badly normalized or hashed identifiers)."),
            await connector.DeliverAsync(batch, CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_over_ten_thousand_rows_is_refused_before_anything_is_sent()
    {
        await using var fake = await StartAsync();
        var connector = MetaTestInstance.Connector(fake);

        var outcome = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(Batch(RunnerLike.Target(connector, Fields), 1, 1, 10_001), CancellationToken.None));

        Assert.Equal(FailureKind.Configuration, outcome.Kind);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task A_long_outage_opens_the_circuit_and_ends_quickly_as_service_down()
    {
        await using var fake = await StartAsync(new FaultPlan { Outage = true });
        var connector = MetaTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        await HttpConnectorChecks.AssertOutageOpensTheCircuitQuicklyAsync(fake, connector, batch);
    }

    [Fact]
    public async Task A_revoked_token_is_a_permanent_authentication_failure()
    {
        await using var fake = await StartAsync(new FaultPlan { Revoked = true });
        var connector = MetaTestInstance.Connector(fake);

        var outcome = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(Batch(RunnerLike.Target(connector, Fields), 1, 1, 5), CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, outcome.Kind);
        Assert.Contains("190", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(MetaTestInstance.Token, outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audience_is_created_once_across_two_runs_and_found_among_many()
    {
        await using var fake = await StartAsync();
        var first = MetaTestInstance.Connector(fake);
        foreach (var group in new[] { "Other 1", "Other 2", "Other 3" })
        {
            await first.DeliverAsync(Batch(RunnerLike.Target(first, Fields, group: group), 1, 1, 2), CancellationToken.None);
        }

        await first.DeliverAsync(Batch(RunnerLike.Target(first, Fields, runId: "run-1"), 1, 1, 5), CancellationToken.None);
        var second = MetaTestInstance.Connector(fake);
        await second.DeliverAsync(Batch(RunnerLike.Target(second, Fields, runId: "run-2"), 1, 6, 5), CancellationToken.None);

        Assert.Equal(4, fake.AudiencesCreated);
        Assert.Equal(10, fake.Members(fake.AudienceId(RunnerLike.Target(first, Fields).ListName)!).Count);
    }

    [Theory]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.ServerError)]
    public async Task The_audience_is_created_once_when_the_create_fails_or_its_answer_is_lost(Fault fault)
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Script = [fault], SlowBy = TimeSpan.FromSeconds(1.5), Applies = (method, path) => method == "POST" && path.EndsWith("/customaudiences", StringComparison.Ordinal),
        });
        var connector = MetaTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 5);

        Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(connector, batch));

        Assert.Equal(1, fake.AudiencesCreated);
        Assert.Equal(1, fake.Faults.Injected(fault));
        AssertHolds(fake, batch.Target, [batch]);
    }
}
