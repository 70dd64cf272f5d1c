using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;

namespace CampaignBot.Delivery.Tests.Connectors;

/// <summary>
/// What every connector promises the run pipeline. Each connector's tests inherit this class, create the
/// connector against a real (or loopback fake) destination and read back what the destination holds.
/// </summary>
public abstract class ConnectorContractTests
{
    protected static readonly DateTimeOffset CreatedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    protected abstract IDestinationConnector CreateConnector();

    /// <summary>Every row the destination holds for the target, in any order.</summary>
    protected abstract Task<IReadOnlyList<string?[]>> ReadDeliveredAsync(IDestinationConnector connector, DeliveryTarget target);

    /// <summary>The batches the destination's completion record names, in sequence order.</summary>
    /// <param name="completion">What <see cref="IDestinationConnector.CompleteAsync"/> returned.</param>
    protected abstract Task<IReadOnlyList<DeliveredBatch>> ReadCompletedAsync(IDestinationConnector connector, DeliveryTarget target, string? completion);

    /// <summary>
    /// True for audience destinations (Klaviyo lists, Meta audiences): one list per campaign and group that
    /// every run adds to, so a later run's rows join the earlier ones instead of going somewhere new.
    /// </summary>
    protected virtual bool RunsShareTheList => false;

    /// <summary>
    /// The part of a delivered batch's reference that names what the destination holds. A connector whose
    /// reference also names the request that carried the batch (Klaviyo's import job ids, new on every send)
    /// leaves that part out, since sending again is a new request for the same rows.
    /// </summary>
    protected virtual string? HeldPart(string? reference) => reference;

    /// <summary>The fields the destination takes; a connector that needs others overrides this and <see cref="Row"/>.</summary>
    protected virtual IReadOnlyList<string> Fields => ["customer_id", "email"];

    /// <summary>Customer <paramref name="n"/>'s row in <see cref="Fields"/> order, with values a careless writer would mangle.</summary>
    protected virtual string?[] Row(int n) => n switch
    {
        _ when n % 5 == 1 => [$"C{n:D6}", null],
        _ when n % 5 == 2 => [$"C{n:D6}", $"\"quoted, with comma\" {n}@example.com"],
        _ when n % 5 == 3 => [$"C{n:D6}", $"line\nbreak.{n}@example.com"],
        _ => [$"C{n:D6}", $"customer{n}@example.com"],
    };

    protected DeliveryTarget Target(IDestinationConnector connector, string campaign = "Spring Sale", string group = "Active email A", string runId = "run-1")
    {
        ArgumentNullException.ThrowIfNull(connector);
        return new DeliveryTarget
        {
            CampaignId = "7f4c1d2e-9a3b-4c5d-8e6f-0a1b2c3d4e5f",
            Campaign = campaign,
            Group = group,
            RunId = runId,
            ListName = ListNames.For(connector.Instance.Descriptor, campaign, group),
            Fields = Fields,
            CreatedAt = CreatedAt,
        };
    }

    protected DeliveryBatch Batch(DeliveryTarget target, int sequence, int firstCustomer, int rows) =>
        new(target, sequence, Enumerable.Range(firstCustomer, rows).Select(Row).ToList());

    [Fact]
    public async Task Delivered_batches_read_back_exactly()
    {
        var connector = CreateConnector();
        var target = Target(connector);
        var batches = new[] { Batch(target, 1, 1, 6), Batch(target, 2, 7, 4) };

        foreach (var batch in batches)
        {
            var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));
            Assert.Equal(batch.Rows.Count, outcome.Rows);
        }

        Assert.Equal(Sorted(batches.SelectMany(b => b.Rows)), Sorted(await ReadDeliveredAsync(connector, target)));
    }

    [Fact]
    public async Task Delivering_the_same_batch_again_leaves_one_copy()
    {
        var connector = CreateConnector();
        var target = Target(connector);
        var batch = Batch(target, 1, 1, 5);

        var first = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));
        var again = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(batch, CancellationToken.None));

        Assert.Equal(Sorted(batch.Rows), Sorted(await ReadDeliveredAsync(connector, target)));
        Assert.Equal((first.Rows, HeldPart(first.Reference)), (again.Rows, HeldPart(again.Reference)));
    }

    [Fact]
    public async Task Sequences_are_independent_whatever_order_they_arrive_in()
    {
        var connector = CreateConnector();
        var target = Target(connector);
        var one = Batch(target, 1, 1, 3);
        var two = Batch(target, 2, 4, 3);

        await connector.DeliverAsync(two, CancellationToken.None);
        await connector.DeliverAsync(one, CancellationToken.None);
        await connector.DeliverAsync(two, CancellationToken.None);

        Assert.Equal(Sorted(one.Rows.Concat(two.Rows)), Sorted(await ReadDeliveredAsync(connector, target)));
    }

    [Fact]
    public async Task Targets_of_other_groups_and_runs_are_kept_apart()
    {
        var connector = CreateConnector();
        var groupA = Target(connector);
        var groupB = Target(connector, group: "Active email B");
        var nextRun = Target(connector, runId: "run-2");

        await connector.DeliverAsync(Batch(groupA, 1, 1, 2), CancellationToken.None);
        await connector.DeliverAsync(Batch(groupB, 1, 3, 2), CancellationToken.None);
        await connector.DeliverAsync(Batch(nextRun, 1, 5, 2), CancellationToken.None);

        var laterRunRows = Batch(nextRun, 1, 5, 2).Rows;
        var groupARows = RunsShareTheList ? Batch(groupA, 1, 1, 2).Rows.Concat(laterRunRows).ToList() : Batch(groupA, 1, 1, 2).Rows;
        Assert.Equal(Sorted(groupARows), Sorted(await ReadDeliveredAsync(connector, groupA)));
        Assert.Equal(Sorted(Batch(groupB, 1, 3, 2).Rows), Sorted(await ReadDeliveredAsync(connector, groupB)));
        Assert.Equal(Sorted(RunsShareTheList ? groupARows : laterRunRows), Sorted(await ReadDeliveredAsync(connector, nextRun)));
    }

    [Fact]
    public async Task Completing_after_all_batches_reports_each_of_them()
    {
        var connector = CreateConnector();
        var target = Target(connector);
        var delivered = new List<DeliveredBatch>();
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            var outcome = Assert.IsType<BatchOutcome.Delivered>(await connector.DeliverAsync(Batch(target, sequence, sequence * 10, sequence + 1), CancellationToken.None));
            delivered.Add(new DeliveredBatch(sequence, outcome.Rows, outcome.Reference));
        }

        var completion = await connector.CompleteAsync(target, delivered, new Dictionary<string, long> { [nameof(DropReason.NoValidEmail)] = 2 }, CancellationToken.None);

        Assert.Equal(delivered, await ReadCompletedAsync(connector, target, completion));
    }

    [Fact]
    public async Task Completing_a_target_without_batches_reports_none()
    {
        var connector = CreateConnector();
        var target = Target(connector);

        var completion = await connector.CompleteAsync(target, [], new Dictionary<string, long>(), CancellationToken.None);

        Assert.Empty(await ReadCompletedAsync(connector, target, completion));
    }

    /// <summary>Rows as comparable text, in a fixed order; "∅" stands for null.</summary>
    private static List<string> Sorted(IEnumerable<string?[]> rows) =>
        rows.Select(r => string.Join('\u001f', r.Select(v => v ?? "∅"))).Order(StringComparer.Ordinal).ToList();
}
