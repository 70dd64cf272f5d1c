using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Klaviyo;
using CampaignBot.Delivery.Tests.Connectors.Http;
using CampaignBot.Delivery.Tests.Fakes;
using static CampaignBot.Delivery.Tests.Connectors.Klaviyo.KlaviyoTestInstance;

namespace CampaignBot.Delivery.Tests.Connectors.Klaviyo;

/// <summary>How accepted import jobs are followed to their end and what the run is told about them.</summary>
public sealed class KlaviyoCompletionTests
{
    private const string JobList = "GET /api/profile-bulk-import-jobs";
    private static readonly string[] Fields = ["external_id", "email", "tier"];

    [Fact]
    public async Task Jobs_are_followed_through_the_job_list_while_later_batches_are_still_being_sent()
    {
        await using var fake = new FakeKlaviyo(ApiKey);
        await fake.StartAsync();
        var connector = Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var batches = Enumerable.Range(1, 15).Select(s => Batch(target, s, s * 100, 10)).ToList();

        var delivered = new List<(int, string?)>();
        foreach (var batch in batches)
        {
            var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));
            delivered.Add((outcome.Rows, outcome.Reference));
        }

        var completion = await connector.CompleteAsync(target, delivered.Select((b, i) => new DeliveredBatch(i + 1, b.Item1, b.Item2)).ToList(), new Dictionary<string, long>(), CancellationToken.None);

        var requests = fake.Requests.ToList();
        var lastImport = requests.Last(r => r.Request == "POST /api/profile-bulk-import-jobs").At;
        Assert.Contains(requests, r => r.Request == JobList && r.At < lastImport);
        Assert.Equal(0, fake.RequestsTo($"{JobList}/"));
        Assert.Equal(150, await connector.CountDeliveredAsync(target, CancellationToken.None));
        Assert.Equal(new Uri(fake.BaseAddress, $"api/lists/{fake.ListId(target.ListName)}").ToString(), completion);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_cancelled_job_ends_as_a_shortfall_of_its_delivery_not_an_error()
    {
        await using var fake = new FakeKlaviyo(ApiKey);
        await fake.StartAsync();
        var connector = Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var first = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 1, 1, 10), CancellationToken.None));
        fake.CancelJobs = true;
        var second = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, 2, 11, 10), CancellationToken.None));
        fake.CancelJobs = false;

        var held = await CompleteAsync(connector, target, [(first.Rows, first.Reference), (second.Rows, second.Reference)]);

        Assert.Equal(10, held);
        Assert.Equal("Klaviyo holds 10 of the 20 rows sent: 10 (50%) are missing, more than the 2% tolerance.", DeliveryShortfall.Check(20, held!.Value, 2, "Klaviyo"));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Profiles_klaviyo_fails_are_missing_from_the_count_the_run_checks()
    {
        await using var fake = new FakeKlaviyo(ApiKey);
        await fake.StartAsync();
        var connector = Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var rows = Enumerable.Range(1, 20).Select(n => new string?[] { $"C{n:D7}", n % 10 == 0 ? "no-at-sign" : $"customer{n}@example.com", "t1" }).ToList();

        var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(new DeliveryBatch(target, 1, rows), CancellationToken.None));

        Assert.Equal(20, outcome.Rows);
        Assert.Equal(18, await CompleteAsync(connector, target, [(outcome.Rows, outcome.Reference)]));
    }

    [Fact]
    public async Task A_job_older_than_the_pages_read_is_read_on_its_own()
    {
        await using var fake = new FakeKlaviyo(ApiKey, perSecond: 1_000, perMinute: 10_000);
        await fake.StartAsync();
        var early = Connector(fake, perSecond: 1_000, perMinute: 10_000);
        var target = RunnerLike.Target(early, Fields);
        var mine = Assert.IsType<BatchOutcome.Delivered>(await early.DeliverAsync(Batch(target, 1, 1, 10), CancellationToken.None));

        // More than two pages of newer jobs from another campaign on the same account.
        var others = Connector(fake, perSecond: 1_000, perMinute: 10_000);
        var elsewhere = RunnerLike.Target(others, Fields, group: "Elsewhere");
        await Parallel.ForEachAsync(Enumerable.Range(1, 210), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (s, token) =>
            Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(others, Batch(elsewhere, s, 1_000 + s, 1))));

        // Completed by a connector that never saw the job sent, as after a restart.
        var restarted = Connector(fake, perSecond: 1_000, perMinute: 10_000);
        var held = await CompleteAsync(restarted, target, [(mine.Rows, mine.Reference)]);

        Assert.Equal(10, held);
        Assert.True(fake.RequestsTo($"{JobList}/{KlaviyoConnector.JobIds(mine.Reference).Single()}") >= 1);
        Assert.Empty(fake.Violations);
    }
}
