using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Tests.Connectors.Http;
using CampaignBot.Delivery.Tests.Fakes;

namespace CampaignBot.Delivery.Tests.Connectors.TikTokAds;

public sealed class TikTokAdsResilienceTests
{
    private static readonly string[] Fields = ["EMAIL_SHA256", "PHONE_SHA256", "IDFA_SHA256"];

    private static DeliveryBatch Batch(DeliveryTarget target, int sequence, int first, int rows) =>
        new(target, sequence, Enumerable.Range(first, rows)
            .Select(n => new string?[] { TikTokTestInstance.Hash($"c{n}@example.com"), TikTokTestInstance.Hash($"+1555{n:D7}"), n % 3 == 0 ? TikTokTestInstance.Hash($"idfa-{n}") : null })
            .ToList());

    private static async Task<FakeTikTok> StartAsync(FaultPlan? faults = null, int perSecond = 20)
    {
        var fake = TikTokTestInstance.Fake(faults, perSecond);
        await fake.StartAsync();
        return fake;
    }

    private static void AssertHolds(FakeTikTok fake, DeliveryTarget target, IEnumerable<DeliveryBatch> batches) =>
        Assert.Equal(
            batches.SelectMany(b => b.Rows).Select(r => string.Join('|', r.Select(v => v ?? ""))).Order().ToList(),
            fake.Members(fake.AudienceId(target.ListName)!).Select(r => string.Join('|', r.Select(v => v ?? ""))).Order().ToList());

    [Fact]
    public async Task Every_row_arrives_exactly_once_through_throttling_codes_server_errors_and_timeouts()
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Rate = 0.3, Faults = [Fault.Throttled, Fault.TooManyRequests, Fault.ServerError, Fault.Slow], SlowBy = TimeSpan.FromSeconds(1.5),
        });
        var connector = TikTokTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 8).Select(s => Batch(target, s, s * 1000, 300)).ToList();

        foreach (var batch in batches)
        {
            Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(connector, batch));
        }

        AssertHolds(fake, target, batches);
        Assert.True(fake.Faults.Injected(Fault.Throttled) > 0);
        Assert.True(fake.Faults.Injected(Fault.ServerError) > 0);
        Assert.Equal(1, fake.AudiencesCreated);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Throttling_codes_in_a_200_are_waited_out_not_failed()
    {
        await using var fake = await StartAsync(new FaultPlan { Script = [Fault.Throttled, Fault.Throttled], Applies = (_, path) => path.EndsWith("/mapping/", StringComparison.Ordinal) });
        var connector = TikTokTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        Assert.Equal(10, Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None)).Rows);

        Assert.Equal(3, fake.RequestsTo("POST /open_api/v1.3/segment/mapping/"));
        Assert.Equal(2, fake.Faults.Injected(Fault.Throttled));
    }

    [Fact]
    public async Task Throttling_that_outlasts_the_retries_is_transient_and_rate_limited()
    {
        await using var fake = await StartAsync(new FaultPlan { Rate = 1, Faults = [Fault.Throttled], Applies = (_, path) => path.EndsWith("/mapping/", StringComparison.Ordinal) });
        var connector = TikTokTestInstance.Connector(fake);

        var outcome = Assert.IsType<BatchOutcome.Transient>(await connector.DeliverAsync(Batch(RunnerLike.Target(connector, Fields), 1, 1, 5), CancellationToken.None));

        Assert.Equal(FailureKind.RateLimited, outcome.Kind);
        Assert.Contains("40100", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_are_queued_within_the_rate_limit()
    {
        await using var fake = await StartAsync(perSecond: 5);
        var connector = TikTokTestInstance.Connector(fake, perSecond: 5);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 12).Select(s => Batch(target, s, s * 100, 10)).ToList();

        var elapsed = await RunnerLike.TimeAsync(() => Task.WhenAll(batches.Select(b => connector.DeliverAsync(b, CancellationToken.None))));

        Assert.Empty(fake.Violations);
        Assert.True(elapsed >= TimeSpan.FromSeconds(2), $"took {elapsed}");
        AssertHolds(fake, target, batches);
    }

    [Fact]
    public async Task A_long_outage_opens_the_circuit_and_ends_quickly_as_service_down()
    {
        await using var fake = await StartAsync(new FaultPlan { Outage = true });
        var connector = TikTokTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 10);

        await HttpConnectorChecks.AssertOutageOpensTheCircuitQuicklyAsync(fake, connector, batch);
    }

    [Fact]
    public async Task A_revoked_token_is_a_permanent_authentication_failure()
    {
        await using var fake = await StartAsync(new FaultPlan { Revoked = true });
        var connector = TikTokTestInstance.Connector(fake);

        var outcome = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(Batch(RunnerLike.Target(connector, Fields), 1, 1, 5), CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, outcome.Kind);
        Assert.Contains("40105", outcome.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(TikTokTestInstance.Token, outcome.Reason, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task The_audience_is_created_once_across_two_runs_and_found_among_many()
    {
        await using var fake = await StartAsync();
        var first = TikTokTestInstance.Connector(fake);
        foreach (var group in new[] { "Other 1", "Other 2", "Other 3" })
        {
            await first.DeliverAsync(Batch(RunnerLike.Target(first, Fields, group: group), 1, 1, 2), CancellationToken.None);
        }

        await first.DeliverAsync(Batch(RunnerLike.Target(first, Fields, runId: "run-1"), 1, 1, 5), CancellationToken.None);
        var second = TikTokTestInstance.Connector(fake);
        await second.DeliverAsync(Batch(RunnerLike.Target(second, Fields, runId: "run-2"), 1, 6, 5), CancellationToken.None);

        Assert.Equal(4, fake.AudiencesCreated);
        Assert.Equal(10, fake.Members(fake.AudienceId(RunnerLike.Target(first, Fields).ListName)!).Count);
        Assert.Empty(fake.Violations);
    }

    [Theory]
    [InlineData(Fault.Slow)]
    [InlineData(Fault.ServerError)]
    public async Task The_audience_is_created_once_when_the_create_fails_or_its_answer_is_lost(Fault fault)
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Script = [fault], SlowBy = TimeSpan.FromSeconds(1.5), Applies = (method, path) => method == "POST" && path.EndsWith("/segment/audience/", StringComparison.Ordinal),
        });
        var connector = TikTokTestInstance.Connector(fake);
        var batch = Batch(RunnerLike.Target(connector, Fields), 1, 1, 5);

        Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(connector, batch));

        Assert.Equal(1, fake.Faults.Injected(fault));
        Assert.Equal(1, fake.AudiencesCreated);
        AssertHolds(fake, batch.Target, [batch]);
    }
}
