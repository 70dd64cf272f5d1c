using System.Collections.Concurrent;
using System.Net;
using CampaignBot.Api.Tests.Alerts;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.SeedLists;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Destinations;
using CampaignBot.Core.Seeds;
using CampaignBot.Delivery.Connectors;
using CampaignBot.Delivery.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CampaignBot.Api.Tests.SeedLists;

/// <summary>
/// Seeds and the campaign's language through an API destination, Klaviyo played by its loopback fake: every import
/// job carries the seed profiles, each with the language as a profile property, and the run counts customers only.
/// </summary>
public sealed class SeedListHttpDestinationTests
{
    [Fact]
    public async Task Every_api_batch_carries_the_seeds_with_the_campaign_language_and_the_counts_leave_them_out()
    {
        var klaviyo = await FakeDestination.KlaviyoAsync(new FaultPlan());
        await using var _ = klaviyo.Service;
        var batches = new ConcurrentQueue<DeliveryBatch>();
        var settings = new Dictionary<string, string?>(klaviyo.Settings) { ["Scheduler:BatchSize"] = "40" };
        await using var host = new LifecycleHost(settings, s => s.AddSingleton<IConnectorFactory>(p => new Recording(
            new ConnectorFactory(p.GetRequiredService<IHostEnvironment>().ContentRootPath, p.GetRequiredService<DestinationCredentials>(), TimeProvider.System), batches)));
        using var maya = host.Client("maya");
        await (await maya.PostJsonAsync("/api/seed-lists", SeedListDeliveryTests.Directors)).ReadAsync<SeedListView>(HttpStatusCode.Created);
        var to = TestDrafts.Outbox("customer_id", "email", "language") with { Destination = klaviyo.Name };
        var draft = TestDrafts.OneTime().WithSubAudience(s => s with { Groups = s.Groups!.Select(g => g with { Destinations = [to] }).ToList() }) with
        {
            Language = "fr-ca",
            SeedLists = [new SeedListDraft { Name = "Marketing directors", Destinations = [klaviyo.Name] }],
        };
        var id = (await maya.CreateAsync(draft)).Id;
        await SeedListDeliveryTests.ApproveAsync(host, id);
        if (host.Campaigns.Get(id, host.Maya).Unwrap().Status == Core.Lifecycle.CampaignStatus.PendingApproval)
        {
            (await host.Approvals.ApproveAsync(id, host.Ada, null, CancellationToken.None)).Unwrap();
        }

        await host.TickAsync();
        var run = host.OnlyRun(id);

        Assert.Equal("Completed", run.Status);
        Assert.True(batches.Count > 2, $"{batches.Count} batches");
        string[] seedEmails = ["dana@example.com", "luc@example.com", "ines@example.com"];
        Assert.All(batches, b => Assert.Equal(seedEmails.Order(), b.Rows.Select(r => r[1]!).Where(seedEmails.Contains).Order()));
        Assert.All(batches, b => Assert.All(b.Rows, r => Assert.Equal("fr-CA", r[2])));
        Assert.Equal(run.Recipients, run.Deliveries.Sum(d => d.Rows + d.Dropped.Values.Sum()));
        Assert.All(run.Deliveries, d => Assert.Equal(3, d.Seeds));
        var fake = (FakeKlaviyo)klaviyo.Service;
        foreach (var delivery in run.Deliveries)
        {
            var members = fake.Members(fake.ListId(ListNames.For(DestinationCatalog.For(DestinationKind.Klaviyo), "Winter welcome", delivery.Group))!);
            var seeds = members.Where(m => seedEmails.Contains(m.GetValueOrDefault("email"))).ToList();
            Assert.Equal(3, seeds.Count);
            Assert.All(seeds, m => Assert.Equal("fr-CA", m["properties.language"]));
            Assert.Equal(delivery.Rows + 3, members.Count);
        }
    }

    [Fact]
    public void Seed_rows_are_normalized_and_hashed_like_customer_rows()
    {
        var instance = new DestinationInstance { Name = "criteo", Kind = DestinationKind.Criteo };
        var delivery = new App.Campaigns.ResolvedDelivery
        {
            Slot = new Core.Audiences.GroupSlot(0, 0), SubAudienceName = "Everyone", GroupName = "A", Instance = instance, Attributes = ["email"], Columns = [],
            Seeds = [new SeedEntry { Email = "dana@example.com" }, new SeedEntry { Phone = "+12065550100" }],
        };
        var shaper = new RowShaper(instance.Descriptor, delivery.Attributes);

        var rows = SeedRows.For(delivery, shaper);

        // The phone-only seed has no email for Criteo, which requires one: left out, as a customer would be.
        Assert.Equal([shaper.Shape(["Dana@Example.com "], null).Values!], rows);
        Assert.Equal(64, rows[0][0]!.Length);
    }

    private sealed class Recording(IConnectorFactory real, ConcurrentQueue<DeliveryBatch> batches) : IConnectorFactory
    {
        public bool Supports(DestinationKind kind) => real.Supports(kind);

        public IDestinationConnector Create(DestinationInstance instance) =>
            instance.Kind == DestinationKind.Klaviyo ? new Recorder(real.Create(instance), batches) : real.Create(instance);
    }

    private sealed class Recorder(IDestinationConnector inner, ConcurrentQueue<DeliveryBatch> batches) : IDestinationConnector, IVerifiesDelivery
    {
        public DestinationInstance Instance => inner.Instance;

        public async Task<BatchOutcome> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
        {
            var outcome = await inner.DeliverAsync(batch, cancellationToken);
            if (outcome is BatchOutcome.Delivered)
            {
                batches.Enqueue(batch);
            }

            return outcome;
        }

        public Task<string?> CompleteAsync(DeliveryTarget target, IReadOnlyList<DeliveredBatch> delivered, IReadOnlyDictionary<string, long> dropped, CancellationToken cancellationToken) =>
            inner.CompleteAsync(target, delivered, dropped, cancellationToken);

        public Task<long?> CountDeliveredAsync(DeliveryTarget target, CancellationToken cancellationToken) =>
            inner is IVerifiesDelivery verifier ? verifier.CountDeliveredAsync(target, cancellationToken) : Task.FromResult<long?>(null);
    }
}
