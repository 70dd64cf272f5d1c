using CampaignBot.Core.CrossCampaign;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>The global holdout in the audience SQL of DuckDB and PostgreSQL, over the same demo customers.</summary>
public sealed class GlobalHoldoutEngineTests
{
    private const int Customers = 20_000;
    private const string SummerSaleId = "0c9e8d7f-6a5b-4c3d-9e2f-1a0b9c8d7e6f";
    private static readonly DateOnly AsOf = new(2026, 11, 23);
    private static readonly GlobalHoldout Holdout = GlobalHoldout.From(new HoldoutOptions { Percent = 5 })!;

    public static TheoryData<string> Engines => ["duckdb", "postgres"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Holdout_customers_are_out_of_every_campaign_and_only_they_leave_its_audience(string engineName)
    {
        await using var engine = await DemoEngine.CreateAsync(engineName, Customers);
        var builder = new AudienceBuilder(engine.Engine);

        foreach (var campaign in new[] { Campaigns.SpringSale(AsOf), SummerSale() })
        {
            var without = await IdsAsync(builder, campaign);
            var with = await IdsAsync(builder, campaign with { Holdout = Holdout });

            Assert.DoesNotContain(with, Holdout.Holds);
            Assert.Equal(without.Where(id => !Holdout.Holds(id)), with);
            Assert.InRange(without.Count - with.Count, without.Count * 4 / 100, without.Count * 6 / 100);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Holdout_is_sticky_across_runs_new_customers_join_without_moving_anyone(string engineName)
    {
        await using var engine = await DemoEngine.CreateAsync(engineName, Customers / 2);
        var campaign = Campaigns.SpringSale(AsOf) with { Holdout = Holdout };
        var firstRun = await PlacementsAsync(engine.Engine, campaign);

        // The next run sees twice the customers: everyone placed before keeps their place; nobody held out joins.
        await new DemoDataGenerator(engine.Engine).GenerateAsync(Customers, AsOf);
        var secondRun = await PlacementsAsync(engine.Engine, campaign);

        Assert.True(secondRun.Count > firstRun.Count);
        Assert.All(firstRun, placed => Assert.Equal(placed.Value, secondRun[placed.Key]));
        Assert.DoesNotContain(secondRun.Keys, Holdout.Holds);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Holdout_splits_the_rest_as_without_it_so_campaign_groups_are_independent_of_it(string engineName)
    {
        await using var engine = await DemoEngine.CreateAsync(engineName, Customers);
        var campaign = Campaigns.SpringSale(AsOf);

        var without = await PlacementsAsync(engine.Engine, campaign);
        var with = await PlacementsAsync(engine.Engine, campaign with { Holdout = Holdout });

        // Every group loses about 5% of its members, within four binomial standard deviations: the holdout is not
        // drawn from one group more than another.
        Assert.All(with, placed => Assert.Equal(without[placed.Key], placed.Value));
        foreach (var group in without.GroupBy(p => p.Value))
        {
            var expected = group.Count() * 0.05;
            var spread = 4 * Math.Sqrt(expected * 0.95);
            Assert.InRange(group.Count(p => Holdout.Holds(p.Key)), expected - spread, expected + spread);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Holdout_preview_counts_the_customers_held_out_globally_and_the_parts_add_up(string engineName)
    {
        await using var engine = await DemoEngine.CreateAsync(engineName, Customers);
        var breakdown = new AudienceBreakdown(engine.Engine);
        var campaign = Campaigns.SpringSale(AsOf);

        var without = await breakdown.FunnelAsync(campaign);
        var with = await breakdown.FunnelAsync(campaign with { Holdout = Holdout });
        var placed = await new AudienceBuilder(engine.Engine).CountAsync(campaign with { Holdout = Holdout });

        Assert.Equal(0, without.HeldOut);
        Assert.Equal(without.Audience - with.Audience, with.HeldOut);
        Assert.Equal(placed.Total, with.Audience);
        Assert.Equal((without.Included, without.Excluded, without.Suppressed), (with.Included, with.Excluded, with.Suppressed));
        Assert.InRange(with.HeldOut * 100.0 / without.Audience, 4.0, 6.0);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Holdout_explain_finds_a_held_out_customer_outside_the_audience(string engineName)
    {
        await using var engine = await DemoEngine.CreateAsync(engineName, Customers);
        var campaign = Campaigns.SpringSale(AsOf);
        var inAudience = await IdsAsync(new AudienceBuilder(engine.Engine), campaign);
        var heldOut = inAudience.First(Holdout.Holds);
        var kept = inAudience.First(id => !Holdout.Holds(id));
        var check = new CustomerAudienceCheck(engine.Engine);

        var heldOutFacts = (await check.CheckAsync(campaign with { Holdout = Holdout }, heldOut, []))!;
        var keptFacts = (await check.CheckAsync(campaign with { Holdout = Holdout }, kept, []))!;
        var withoutHoldout = (await check.CheckAsync(campaign, heldOut, []))!;

        Assert.True(heldOutFacts.HeldOut);
        Assert.False(heldOutFacts.InAudience);
        Assert.True(heldOutFacts.Slot.IsUnmatched);
        Assert.False(keptFacts.HeldOut);
        Assert.True(keptFacts.InAudience);
        Assert.False(withoutHoldout.HeldOut);
        Assert.True(withoutHoldout.InAudience);
    }

    private static AudienceRequest SummerSale() => Campaigns.Request(
        SummerSaleId, AsOf, include: ["lifetime_value > 50"], exclude: [], subAudiences: ["loyalty_member = true", null]);

    private static async Task<List<string>> IdsAsync(AudienceBuilder builder, AudienceRequest request) =>
        (await EngineReads.PlacementsAsync(builder, request, [])).Select(p => p[..p.IndexOf('|', StringComparison.Ordinal)]).ToList();

    private static async Task<Dictionary<string, string>> PlacementsAsync(CustomerEngine engine, AudienceRequest request) =>
        (await EngineReads.PlacementsAsync(new AudienceBuilder(engine), request, []))
            .Select(p => p.Split('|'))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
}

/// <summary>Demo customers in a DuckDB file or a fresh PostgreSQL database, deleted afterwards.</summary>
internal sealed class DemoEngine : IAsyncDisposable
{
    private readonly IAsyncDisposable _owner;

    private DemoEngine(CustomerEngine engine, IAsyncDisposable owner)
    {
        Engine = engine;
        _owner = owner;
    }

    public CustomerEngine Engine { get; }

    public static async Task<DemoEngine> CreateAsync(string name, int customers)
    {
        DemoEngine created;
        if (name == "postgres")
        {
            var postgres = await PostgresDatabase.CreateAsync();
            created = new DemoEngine(postgres.Engine, postgres);
        }
        else
        {
            var duck = new DuckDbFile();
            created = new DemoEngine(duck.Engine, duck);
        }

        await new DemoDataGenerator(created.Engine).GenerateAsync(customers, new DateOnly(2026, 11, 23));
        return created;
    }

    public ValueTask DisposeAsync() => _owner.DisposeAsync();
}
