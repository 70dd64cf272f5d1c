using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Connectors.Klaviyo;
using CampaignBot.Delivery.Tests.Connectors.Http;
using CampaignBot.Delivery.Tests.Fakes;
using static CampaignBot.Delivery.Tests.Connectors.Klaviyo.KlaviyoTestInstance;

namespace CampaignBot.Delivery.Tests.Connectors.Klaviyo;

public sealed class KlaviyoRemovalTests
{
    private static readonly string[] Fields = ["external_id", "email", "tier"];

    [Fact]
    public async Task Leavers_are_removed_and_removing_them_again_changes_nothing()
    {
        await using var fake = await StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var delivered = await DeliverAsync(connector, Batch(target, 1, 1, 10));
        var leavers = Batch(target with { RunId = "run-2" }, 1, 1, 4);

        var removed = await connector.RemoveAsync(leavers, CancellationToken.None);
        var again = await KlaviyoTestInstance.Connector(fake).RemoveAsync(leavers, CancellationToken.None);

        var listId = fake.ListId(target.ListName);
        Assert.Equal(new BatchOutcome.Delivered(4, $"klaviyo list {listId}"), removed);
        Assert.Equal(new BatchOutcome.Delivered(4, $"klaviyo list {listId}"), again);
        Assert.Equal(ExternalIds(delivered.Rows.Skip(4)), ExternalIds(fake, target));
        Assert.Equal(1, fake.ListsCreated);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Removing_from_one_list_leaves_the_same_profiles_on_another()
    {
        await using var fake = await StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);
        var groupA = RunnerLike.Target(connector, Fields, group: "Group A");
        var groupB = RunnerLike.Target(connector, Fields, group: "Group B");
        await DeliverAsync(connector, Batch(groupA, 1, 1, 6));
        var onB = await DeliverAsync(connector, Batch(groupB, 1, 1, 6));

        Assert.IsType<BatchOutcome.Delivered>(await connector.RemoveAsync(Batch(groupA, 1, 1, 6), CancellationToken.None));

        Assert.Empty(fake.Members(fake.ListId(groupA.ListName)!));
        Assert.Equal(ExternalIds(onB.Rows), ExternalIds(fake, groupB));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Removing_from_a_list_never_made_creates_nothing_and_sends_nothing_but_the_lookup()
    {
        await using var fake = await StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);

        var removed = await connector.RemoveAsync(Batch(RunnerLike.Target(connector, Fields, group: "Never sent"), 1, 1, 5), CancellationToken.None);

        Assert.Equal(new BatchOutcome.Delivered(5, null), removed);
        Assert.Equal(0, fake.ListsCreated);
        Assert.Equal(0, fake.RequestsTo("GET /api/profiles"));
        Assert.Equal(0, fake.RequestsTo("DELETE"));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_removal_of_2500_profiles_is_looked_up_100_at_a_time_and_deleted_1000_at_a_time()
    {
        await using var fake = await StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var delivered = await DeliverAsync(connector, Batch(target, 1, 1, 2_600));

        var removed = await connector.RemoveAsync(Batch(target, 1, 1, 2_500), CancellationToken.None);

        Assert.Equal(new BatchOutcome.Delivered(2_500, $"klaviyo list {fake.ListId(target.ListName)}"), removed);
        Assert.Equal(ExternalIds(delivered.Rows.Skip(2_500)), ExternalIds(fake, target));
        Assert.Equal(25, fake.RequestsTo("GET /api/profiles"));
        Assert.Equal(3, fake.RequestsTo("DELETE /api/lists/"));
        Assert.Empty(fake.Violations);
    }

    [Theory]
    [InlineData("GET /api/profiles")]
    [InlineData("DELETE /api/lists/")]
    public async Task Server_errors_and_throttling_during_removal_are_retried(string request)
    {
        await using var fake = await StartAsync(new FaultPlan
        {
            Script = [Fault.ServerError, Fault.TooManyRequests], RetryAfter = TimeSpan.FromSeconds(1),
            Applies = (method, path) => $"{method} {path}".StartsWith(request, StringComparison.Ordinal),
        });
        var connector = KlaviyoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        var delivered = await DeliverAsync(connector, Batch(target, 1, 1, 10));

        var removed = await connector.RemoveAsync(Batch(target, 1, 1, 3), CancellationToken.None);

        Assert.IsType<BatchOutcome.Delivered>(removed);
        Assert.Equal(1, fake.Faults.Injected(Fault.ServerError));
        Assert.Equal(1, fake.Faults.Injected(Fault.TooManyRequests));
        Assert.Equal(ExternalIds(delivered.Rows.Skip(3)), ExternalIds(fake, target));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_revoked_key_during_removal_is_a_permanent_authentication_failure()
    {
        var faults = new FaultPlan();
        await using var fake = await StartAsync(faults);
        var connector = KlaviyoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        await DeliverAsync(connector, Batch(target, 1, 1, 5));
        faults.Revoked = true;

        var removed = Assert.IsType<BatchOutcome.Permanent>(await connector.RemoveAsync(Batch(target, 1, 1, 2), CancellationToken.None));

        Assert.Equal(FailureKind.Authentication, removed.Kind);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Profiles_are_found_by_external_id_when_the_rows_have_one()
    {
        await using var fake = await StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, Fields);
        await DeliverAsync(connector, Batch(target, 1, 1, 5));

        await connector.RemoveAsync(Batch(target, 1, 1, 2), CancellationToken.None);

        Assert.Equal(["any(external_id,[\"C0000001\",\"C0000002\"])"], fake.ProfileFilters);
        Assert.Equal(3, fake.Members(fake.ListId(target.ListName)!).Count);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Profiles_are_found_by_email_when_the_rows_have_no_external_id()
    {
        await using var fake = await StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);
        var emailOnly = RunnerLike.Target(connector, ["email", "tier"], group: "Email only");
        var mixed = RunnerLike.Target(connector, Fields, group: "Mixed");
        var emailRows = Enumerable.Range(1, 5).Select(n => new string?[] { $"customer{n}@example.com", "t1" }).ToList();
        var mixedRows = new List<string?[]> { new[] { "C0000001", "customer1@example.com", "t1" }, new[] { null, "customer2@example.com", "t2" } };
        await DeliverAsync(connector, new DeliveryBatch(emailOnly, 1, emailRows));
        await DeliverAsync(connector, new DeliveryBatch(mixed, 1, mixedRows));

        await connector.RemoveAsync(new DeliveryBatch(emailOnly, 1, emailRows.Take(2).ToList()), CancellationToken.None);
        await connector.RemoveAsync(new DeliveryBatch(mixed, 1, mixedRows), CancellationToken.None);

        Assert.Equal(["customer3@example.com", "customer4@example.com", "customer5@example.com"],
            fake.Members(fake.ListId(emailOnly.ListName)!).Select(m => m["email"]).Order());
        Assert.Empty(fake.Members(fake.ListId(mixed.ListName)!));
        Assert.Equal(
            ["any(email,[\"customer1@example.com\",\"customer2@example.com\"])", "any(external_id,[\"C0000001\"])", "any(email,[\"customer2@example.com\"])"],
            fake.ProfileFilters);
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task A_value_that_cannot_be_put_in_a_filter_is_skipped()
    {
        await using var fake = await StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);
        var target = RunnerLike.Target(connector, ["email", "tier"]);
        await DeliverAsync(connector, new DeliveryBatch(target, 1, [["customer1@example.com", "t1"], ["customer2@example.com", "t1"]]));

        var removed = await connector.RemoveAsync(
            new DeliveryBatch(target, 1, [["customer1@example.com", "t1"], ["a\"b@example.com", "t1"], ["c\\d@example.com", "t1"], [null, "t1"]]), CancellationToken.None);

        Assert.Equal(new BatchOutcome.Delivered(4, $"klaviyo list {fake.ListId(target.ListName)}"), removed);
        Assert.Equal(["any(email,[\"customer1@example.com\"])"], fake.ProfileFilters);
        Assert.Equal(["customer2@example.com"], fake.Members(fake.ListId(target.ListName)!).Select(m => m["email"]));
        Assert.Empty(fake.Violations);
    }

    [Fact]
    public async Task Rows_without_an_identifier_column_are_a_configuration_failure()
    {
        await using var fake = await StartAsync();
        var connector = KlaviyoTestInstance.Connector(fake);

        var removed = Assert.IsType<BatchOutcome.Permanent>(
            await connector.RemoveAsync(new DeliveryBatch(RunnerLike.Target(connector, ["first_name", "tier"]), 1, [["Ada", "t1"]]), CancellationToken.None));

        Assert.Equal(FailureKind.Configuration, removed.Kind);
        Assert.Contains("external_id, email or phone_number", removed.Reason, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    private static async Task<FakeKlaviyo> StartAsync(FaultPlan? faults = null)
    {
        var fake = new FakeKlaviyo(KlaviyoTestInstance.ApiKey, faults);
        await fake.StartAsync();
        return fake;
    }

    // Delivered and completed as a run does, so every import has ended before anyone leaves.
    private static async Task<DeliveryBatch> DeliverAsync(KlaviyoConnector connector, DeliveryBatch batch)
    {
        var outcome = Assert.IsType<BatchOutcome.Delivered>(await RunnerLike.DeliverAsync(connector, batch));
        await CompleteAsync(connector, batch.Target, [(outcome.Rows, outcome.Reference)]);
        return batch;
    }

    private static List<string> ExternalIds(IEnumerable<string?[]> rows) => rows.Select(r => r[0]!).Order().ToList();

    private static List<string> ExternalIds(FakeKlaviyo fake, DeliveryTarget target) =>
        fake.Members(fake.ListId(target.ListName)!).Select(m => m["external_id"]).Order().ToList();
}
