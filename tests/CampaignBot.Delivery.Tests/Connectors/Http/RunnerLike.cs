using System.Diagnostics;
using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.Delivery.Tests.Connectors.Http;

/// <summary>What the run pipeline does with an outcome, in small: send again after a transient one, waiting as told.</summary>
internal static class RunnerLike
{
    public static async Task<BatchOutcome> DeliverAsync(IDestinationConnector connector, DeliveryBatch batch, int attempts = 10)
    {
        var outcome = await connector.DeliverAsync(batch, CancellationToken.None);
        for (var i = 1; i < attempts && outcome is BatchOutcome.Transient transient; i++)
        {
            await Task.Delay(transient.RetryAfter is { } wait && wait < TimeSpan.FromSeconds(5) ? wait : TimeSpan.FromMilliseconds(100));
            outcome = await connector.DeliverAsync(batch, CancellationToken.None);
        }

        return outcome;
    }

    public static DeliveryTarget Target(IDestinationConnector connector, IReadOnlyList<string> fields, string group = "Active email A", string runId = "run-1") => new()
    {
        CampaignId = "7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f",
        Campaign = "Spring Sale",
        Group = group,
        RunId = runId,
        ListName = ListNames.For(connector.Instance.Descriptor, "Spring Sale", group),
        Fields = fields,
        CreatedAt = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
    };

    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }
}

/// <summary>Checks every HTTP connector must pass the same way.</summary>
internal static class HttpConnectorChecks
{
    /// <summary>
    /// With the service down, a few deliveries fail as ServiceDown, the circuit opens (the next call does not reach
    /// the service at all) and it all takes seconds, not the minutes of retries a closed circuit would spend.
    /// </summary>
    public static async Task AssertOutageOpensTheCircuitQuicklyAsync(Fakes.FakeService fake, IDestinationConnector connector, DeliveryBatch batch)
    {
        var outcomes = new List<BatchOutcome>();
        var elapsed = await RunnerLike.TimeAsync(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                outcomes.Add(await connector.DeliverAsync(batch, CancellationToken.None));
            }
        });
        var reached = fake.Requests.Count;
        outcomes.Add(await connector.DeliverAsync(batch, CancellationToken.None));

        Assert.All(outcomes, o => Assert.Equal(FailureKind.ServiceDown, Assert.IsType<BatchOutcome.Transient>(o).Kind));
        Assert.Equal(reached, fake.Requests.Count);
        Assert.Contains("paused", ((BatchOutcome.Transient)outcomes[^1]).Reason, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed}");
    }

    /// <summary>
    /// With the credentials revoked, the first delivery fails for good as Authentication after one request, and its
    /// reason never repeats the secret. Returns the failure and that request for the connector's own checks.
    /// </summary>
    public static async Task<(BatchOutcome.Permanent Outcome, string Request)> AssertRevokedIsAuthenticationAsync(
        Fakes.FakeService fake, IDestinationConnector connector, DeliveryBatch batch, string secret)
    {
        var outcome = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(batch, CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, outcome.Kind);
        Assert.DoesNotContain(secret, outcome.Reason, StringComparison.Ordinal);
        return (outcome, Assert.Single(fake.Requests).Request);
    }

    /// <summary>
    /// A client secret revoked between two batches of one push: the token is renewed once (the refused call may
    /// mean an expired token), and when that is refused too the batch fails for good as Authentication.
    /// </summary>
    public static async Task AssertRevokedMidPushRenewsOnceAsync(
        Fakes.FakeService fake, IDestinationConnector connector, DeliveryBatch first, DeliveryBatch second, string tokenRequest)
    {
        Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(first, CancellationToken.None));
        fake.Faults.Plan.Revoked = true;

        var outcome = Assert.IsType<BatchOutcome.Permanent>(await connector.DeliverAsync(second, CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, outcome.Kind);
        Assert.Equal(2, fake.RequestsTo(tokenRequest));
    }

    /// <summary>
    /// Every token expires after each batch, as a long push outlives them: each refused call gets a new token and is
    /// sent again, so every batch is delivered, with one refusal and one new token per expiry.
    /// </summary>
    public static async Task AssertExpiredTokensAreReplacedAsync<TFake>(TFake fake, IDestinationConnector connector, IReadOnlyList<DeliveryBatch> batches)
        where TFake : Fakes.FakeService, Fakes.IFakeTokenIssuer
    {
        var outcomes = new List<BatchOutcome>();
        foreach (var batch in batches)
        {
            outcomes.Add(await connector.DeliverAsync(batch, CancellationToken.None));
            fake.ExpireTokens();
        }

        Assert.All(outcomes, o => Assert.IsType<BatchOutcome.Delivered>(o));
        Assert.Equal(batches.Count - 1, fake.ExpiredRefusals);
        Assert.Equal(batches.Count, fake.TokensIssued);
        Assert.Empty(fake.Violations);
    }
}
