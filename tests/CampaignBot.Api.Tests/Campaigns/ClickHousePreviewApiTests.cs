using System.Net;
using CampaignBot.App.Campaigns;
using CampaignBot.Api.Tests.Http;
using CampaignBot.Api.Tests.Lifecycle;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Tests.Engines;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignBot.Api.Tests.Campaigns;

/// <summary>The service on Customers:Engine=clickhouse, over a database of its own on the two-shard test cluster.</summary>
public sealed class ClickHousePreviewApiTests
{
    [Fact]
    public async Task A_service_on_ClickHouse_seeds_the_demo_customers_and_previews_a_campaign_as_one_on_DuckDB()
    {
        await using var cluster = await ClickHouseDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>(CampaignPreviewApiTests.WithKlaviyo)
        {
            ["Customers:Engine"] = "clickhouse",
            ["Customers:ClickHouseConnectionString"] = cluster.Engine.Cluster.ConnectionString,
            ["Customers:ClickHouseCluster"] = cluster.Engine.Cluster.Name,
        };
        foreach (var (node, i) in cluster.Nodes.Select((n, i) => (n, i)))
        {
            settings[$"Customers:ClickHouseNodeConnectionStrings:{i}"] = node;
        }

        await using var onClickHouse = new LifecycleHost(settings);
        await using var onDuckDb = new LifecycleHost(CampaignPreviewApiTests.WithKlaviyo);
        using var maya = onClickHouse.Client("maya");
        using var ready = await maya.GetAsync("/health/ready");

        var preview = await PreviewAsync(onClickHouse);
        var expected = await PreviewAsync(onDuckDb);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.IsType<ClickHouseEngine>(onClickHouse.Factory.Services.GetRequiredService<CustomerEngine>());
        Assert.Equal(
            (expected.Included, expected.Excluded, expected.Suppressed, expected.Audience),
            (preview.Included, preview.Excluded, preview.Suppressed, preview.Audience));
        Assert.True(preview.Excluded > 0, "some loyalty members opted out of email");
        Assert.Equal(preview.Audience, preview.Recipients + preview.Control + preview.Unmatched);
    }

    // The campaign id keys the split, so only the counts before the split compare across two services.
    private static async Task<PreviewView> PreviewAsync(LifecycleHost host)
    {
        using var maya = host.Client("maya");
        var id = (await maya.CreateAsync(CampaignPreviewApiTests.Draft())).Id;
        return await (await maya.GetAsync($"/api/campaigns/{id}/preview")).ReadAsync<PreviewView>();
    }
}
