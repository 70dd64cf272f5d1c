using System.Collections.Concurrent;
using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Engine;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Lifecycle;

public sealed class LeaverRemovalTests
{
    [Fact]
    public async Task A_recurring_campaign_removes_from_each_list_the_customers_who_left_its_group_and_only_them()
    {
        var lists = new RemovingLists();
        await using var host = new LifecycleHost(services: s => s.AddSingleton<IConnectorFactory>(new RemovingConnectors(new ConnectorFactory(Path.GetTempPath()), lists)));
        var id = await host.ApprovedAsync(TestDrafts.Recurring("weekly", "2026-11-24 09:00"));
        await host.TickAsync();
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        var firstRun = lists.Delivered.ToDictionary(p => p.Key, p => p.Value.ToHashSet());
        Assert.Empty(lists.Removed);

        // Five recipients of each group leave the loyalty programme, so they leave the audience.
        var leaving = firstRun.Values.SelectMany(ids => ids.Order(StringComparer.Ordinal).Take(5)).ToList();
        await LeaveLoyaltyAsync(host, leaving);
        lists.Delivered.Clear();
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        var second = host.Runs.ForCampaign(id, host.Maya).Unwrap().OrderBy(r => r.Slot).Last();

        Assert.Equal(2, lists.Removed.Count);
        foreach (var (group, removed) in lists.Removed)
        {
            Assert.Equal(firstRun[group].Intersect(leaving).Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
            Assert.Empty(removed.Intersect(lists.Delivered[group]));
        }

        Assert.Equal(leaving.Count, second.Deliveries.Sum(d => d.Removed));
        Assert.Equal("Completed", second.Status);

        lists.Removed.Clear();
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
        await host.TickAsync();
        Assert.Empty(lists.Removed);
    }

    [Fact]
    public async Task A_one_time_campaign_removes_nobody()
    {
        var lists = new RemovingLists();
        await using var host = new LifecycleHost(services: s => s.AddSingleton<IConnectorFactory>(new RemovingConnectors(new ConnectorFactory(Path.GetTempPath()), lists)));
        var id = await host.ApprovedAsync(TestDrafts.OneTime());
        await host.TickAsync();

        Assert.All(host.OnlyRun(id).Deliveries, d => Assert.Equal(0, d.Removed));
        Assert.Empty(lists.Removed);
    }

    private static async Task LeaveLoyaltyAsync(LifecycleHost host, IEnumerable<string> customerIds)
    {
        var engine = host.Get<CustomerEngine>();
        await using var connection = await engine.OpenAsync();
        foreach (var customerId in customerIds)
        {
            await connection.ExecuteAsync(engine, new SqlStatement("UPDATE customer_360 SET loyalty_member = false WHERE customer_id = $1", [customerId]));
        }
    }

    /// <summary>What each group's list was sent and what was removed from it, by customer id (the rows' first field).</summary>
    private sealed class RemovingLists
    {
        public ConcurrentDictionary<string, ConcurrentBag<string>> Delivered { get; } = new();

        public ConcurrentDictionary<string, ConcurrentBag<string>> Removed { get; } = new();
    }

    private sealed class RemovingConnectors(IConnectorFactory real, RemovingLists lists) : IConnectorFactory
    {
        public bool Supports(DestinationKind kind) => real.Supports(kind);

        public IDestinationConnector Create(DestinationInstance instance) => new Removing(real.Create(instance), lists);

        private sealed class Removing(IDestinationConnector inner, RemovingLists lists) : IDestinationConnector, IRemovesMembers
        {
            public DestinationInstance Instance => inner.Instance;

            public Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
            {
                var ids = lists.Delivered.GetOrAdd(batch.Target.Group, _ => []);
                foreach (var row in batch.Rows)
                {
                    ids.Add(row[0]!);
                }

                return inner.DeliverAsync(batch, cancellationToken);
            }

            public Task<string?> CompleteAsync(DeliveryTarget target, IReadOnlyList<DeliveredBatch> batches, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken) =>
                inner.CompleteAsync(target, batches, dropped, cancellationToken);

            public Task<BatchOutcome> RemoveAsync(DeliveryBatch batch, CancellationToken cancellationToken)
            {
                var ids = lists.Removed.GetOrAdd(batch.Target.Group, _ => []);
                foreach (var row in batch.Rows)
                {
                    ids.Add(row[0]!);
                }

                return Task.FromResult<BatchOutcome>(new BatchOutcome.Delivered(batch.Rows.Count, null));
            }
        }
    }
}
