using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Audiences;

namespace CampaignBot.Customers.Tests.Engines;

/// <summary>The same seed and campaign give the same customers and the same groups in DuckDB and PostgreSQL.</summary>
public sealed class EngineEqualityTests
{
    private const int Customers = 20_000;
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [Fact]
    public async Task Demo_data_is_identical_in_both_engines()
    {
        await using var duck = new DuckDbFile();
        await using var postgres = await PostgresDatabase.CreateAsync();
        await new DemoDataGenerator(duck.Engine).GenerateAsync(Customers, AsOf);
        await new DemoDataGenerator(postgres.Engine).GenerateAsync(Customers, AsOf);

        foreach (var table in CustomerSchema.Tables)
        {
            var inDuck = await EngineReads.RowsAsync(duck.Engine, table.Name);
            var inPostgres = await EngineReads.RowsAsync(postgres.Engine, table.Name);

            Assert.Equal(Customers, inDuck.Count);
            Assert.Equal(inDuck, inPostgres);
        }
    }

    [Fact]
    public async Task A_campaign_places_every_customer_in_the_same_group_in_both_engines()
    {
        await using var duck = new DuckDbFile();
        await using var postgres = await PostgresDatabase.CreateAsync();
        await new DemoDataGenerator(duck.Engine).GenerateAsync(Customers, AsOf);
        await new DemoDataGenerator(postgres.Engine).GenerateAsync(Customers, AsOf);
        var request = Campaigns.SpringSale(AsOf);
        var attributes = AudienceBuilder.ResolveAttributes([("email", null), ("lifetime_value", "customer_360")], out _);

        var inDuck = await EngineReads.PlacementsAsync(new AudienceBuilder(duck.Engine), request, attributes);
        var inPostgres = await EngineReads.PlacementsAsync(new AudienceBuilder(postgres.Engine), request, attributes);

        Assert.InRange(inDuck.Count, Customers / 4, Customers);
        Assert.Equal(inDuck, inPostgres);
        Assert.Equal(
            (await new AudienceBuilder(duck.Engine).CountAsync(request)).Total,
            (await new AudienceBuilder(postgres.Engine).CountAsync(request)).Total);
    }

    [Fact]
    public async Task Ids_with_mixed_case_digits_and_accents_stream_in_the_same_order_in_both_engines()
    {
        await using var duck = new DuckDbFile();
        await using var postgres = await PostgresDatabase.CreateAsync(linguisticCollation: true);
        await OrderedCustomers.SeedAsync(duck.Engine);
        await OrderedCustomers.SeedAsync(postgres.Engine);
        var request = Campaigns.Request(Campaigns.SpringSaleId, AsOf, ["country = US"], [], [null]);

        var inDuck = await OrderedIdsAsync(new AudienceBuilder(duck.Engine), request);
        var inPostgres = await OrderedIdsAsync(new AudienceBuilder(postgres.Engine), request);

        Assert.Equal(OrderedCustomers.InOrdinalOrder, inDuck);
        Assert.Equal(inDuck, inPostgres);
    }

    private static async Task<List<string>> OrderedIdsAsync(AudienceBuilder builder, AudienceRequest request)
    {
        var ids = new List<string>();
        await foreach (var member in builder.StreamOrderedAsync(request, AudienceSlice.Everyone, [], afterCustomerId: null))
        {
            ids.Add(member.CustomerId);
        }

        return ids;
    }
}
