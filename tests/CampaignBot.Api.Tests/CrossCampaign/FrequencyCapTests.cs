using CampaignBot.Api.Tests.Conversations;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.App.Campaigns;
using CampaignBot.App.Explain;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Api.Tests.CrossCampaign;

/// <summary>
/// A files cap of 2 deliveries in 7 days over the test outbox (a local folder, so the files channel): a customer two
/// earlier campaigns reached within the week is held back by the preview, explain and a run, and reached once the
/// first of those sends leaves the window.
/// </summary>
public sealed class FrequencyCapTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["FrequencyCaps:files:MaxDeliveries"] = "2",
        ["FrequencyCaps:files:Window"] = "7.00:00:00",
    };

    private const string Rule = "files cap: 2 deliveries in 7 days";

    [Fact]
    public async Task FrequencyCap_preview_counts_the_capped_customer_per_destination_in_the_API_and_in_chat()
    {
        await using var host = new LifecycleHost(Settings);
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        await SentTwiceAsync(host, await FirstRecipientAsync(host, id), LifecycleHost.Start.AddDays(-6));
        using var client = host.Client("vic");

        var preview = await (await client.GetAsync($"/api/campaigns/{id}/preview")).ReadAsync<PreviewView>();
        var text = (await host.SayAsync("vic", "preview Winter welcome")).Message().Text();

        var delivery = preview.SubAudiences[0].Groups.SelectMany(g => g.Deliveries).Single(d => d.Capped > 0);
        Assert.Equal((1L, Rule), (delivery.Capped, delivery.Cap));
        Assert.Contains($"1 capped ({Rule})", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrequencyCap_explain_names_the_cap_and_the_deliveries_the_customer_had_in_the_API_and_in_chat()
    {
        await using var host = new LifecycleHost(Settings);
        var id = host.Campaigns.Create(TestDrafts.OneTime(), host.Maya).Unwrap().Id;
        var customer = await FirstRecipientAsync(host, id);
        await SentTwiceAsync(host, customer, LifecycleHost.Start.AddDays(-6));
        using var client = host.Client("vic");

        var view = await (await client.GetAsync($"/api/campaigns/{id}/explain?customer={customer}")).ReadAsync<ExplanationView>();
        var text = (await host.SayAsync("vic", $"explain {customer} in Winter welcome")).Message().Text();

        var destination = Assert.Single(view.Destinations);
        Assert.Equal(DestinationOutcome.Capped, destination.Outcome);
        Assert.Equal(new FrequencyCapView(Rule, 2, 2), destination.Cap);
        Assert.Contains($"Not sent: {Rule}; had 2.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrequencyCap_holds_a_third_delivery_within_the_window_and_allows_it_after()
    {
        await using var host = new LifecycleHost(Settings);
        var withinWindow = host.Campaigns.Create(TestDrafts.OneTime("Within the week"), host.Maya).Unwrap().Id;
        var afterWindow = host.Campaigns.Create(TestDrafts.OneTime("After the week"), host.Maya).Unwrap().Id;
        var customer = await FirstRecipientAsync(host, withinWindow, alsoOf: afterWindow);
        await SentTwiceAsync(host, customer, LifecycleHost.Start.AddDays(-6));

        await ApproveAndRunAsync(host, withinWindow);
        var heldBack = Delivered(host);

        // A day later the first send is exactly seven days old: out of the window, so one delivery is left in it.
        host.Clock.Advance(TimeSpan.FromDays(1));
        await ApproveAndRunAsync(host, afterWindow);

        Assert.NotEmpty(heldBack);
        Assert.DoesNotContain(customer, heldBack);
        Assert.Contains(customer, Delivered(host).Except(heldBack));
        Assert.NotNull(host.OnlyRun(afterWindow));
    }

    private static async Task ApproveAndRunAsync(LifecycleHost host, CampaignId id)
    {
        (await host.Approvals.SubmitAsync(id, host.Maya, CancellationToken.None)).Unwrap();
        (await host.Approvals.ApproveAsync(id, host.Omar, null, CancellationToken.None)).Unwrap();
        await host.TickAsync();
    }

    private static List<string> Delivered(LifecycleHost host) =>
        Directory.Exists(host.Outbox)
            ? Directory.GetFiles(host.Outbox, "*.csv", SearchOption.AllDirectories).SelectMany(f => File.ReadLines(f).Skip(1).Select(l => l.Split(',')[0])).ToList()
            : [];

    // The first customer in the campaign's first group who is also a recipient of alsoOf, when given.
    private static async Task<string> FirstRecipientAsync(LifecycleHost host, CampaignId campaignId, CampaignId? alsoOf = null)
    {
        var first = await RecipientsAsync(host, campaignId, AudienceSlice.Of(new GroupSlot(0, 0)));
        var other = alsoOf is { } id ? (await RecipientsAsync(host, id, AudienceSlice.Recipients)).ToHashSet() : null;
        return first.First(c => other is null || other.Contains(c));
    }

    private static async Task<List<string>> RecipientsAsync(LifecycleHost host, CampaignId campaignId, AudienceSlice slice)
    {
        var resolved = host.Get<CampaignResolver>().Resolve(host.Get<CampaignStore>().Get(campaignId)!).Value!;
        var request = resolved.AudienceRequest(DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime));
        return await new AudienceBuilder(host.Get<CustomerEngine>())
            .StreamOrderedAsync(request, slice, [], afterCustomerId: null)
            .Select(m => m.CustomerId).ToListAsync();
    }

    // Two earlier campaigns' file drops reached the customer, the first at firstSentAt and the second a day later.
    private static async Task SentTwiceAsync(LifecycleHost host, string customer, DateTimeOffset firstSentAt)
    {
        var engine = host.Get<CustomerEngine>();
        var table = CustomerSchema.CampaignSendList;
        await using var connection = await engine.OpenAsync();
        foreach (var (campaign, at) in new[] { ("earlier-a", firstSentAt), ("earlier-b", firstSentAt.AddDays(1)) })
        {
            var sql = new SqlBuilder(engine).Sql($"INSERT {engine.Tables.InsertInto(table, table.Columns)} VALUES (")
                .Value(customer).Sql(", ").Value(campaign).Sql(", ").Value($"{campaign}-run").Sql(", 'Everyone', 'Email A', FALSE, 'files', 'outbox', ")
                .Value(DateTime.SpecifyKind(at.UtcDateTime, DateTimeKind.Unspecified)).Sql(")");
            await connection.ExecuteAsync(engine, sql.Build());
        }
    }
}
