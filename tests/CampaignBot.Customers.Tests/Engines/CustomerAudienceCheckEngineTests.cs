using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Tests.Audiences;

namespace CampaignBot.Customers.Tests.Engines;

/// <summary>The single-customer check gives the same facts in DuckDB and PostgreSQL, and places customers where each engine's audience build does.</summary>
public sealed class CustomerAudienceCheckEngineTests
{
    private const int Customers = 2_000;
    private const int Checked = 150;
    private static readonly DateOnly AsOf = new(2026, 11, 23);

    [Fact]
    public async Task One_customer_s_facts_are_the_same_in_both_engines_and_agree_with_each_audience_build()
    {
        await using var duck = new DuckDbFile();
        await using var postgres = await PostgresDatabase.CreateAsync();
        await new DemoDataGenerator(duck.Engine).GenerateAsync(Customers, AsOf);
        await new DemoDataGenerator(postgres.Engine).GenerateAsync(Customers, AsOf);
        var request = Campaigns.SpringSale(AsOf);
        var ids = (await PlacedAsync(duck.Engine, request)).Keys.Order(StringComparer.Ordinal).Take(Checked / 2)
            .Concat(await OutsideAsync(duck.Engine, request, Checked / 2)).ToList();

        foreach (var (engine, built) in new[] { (duck.Engine as CustomerEngine, await PlacedAsync(duck.Engine, request)), (postgres.Engine, await PlacedAsync(postgres.Engine, request)) })
        {
            foreach (var id in ids)
            {
                var facts = await new CustomerAudienceCheck(engine).CheckAsync(request, id, ["email", "sms"]) ?? throw new InvalidOperationException($"No facts for {id} in {engine.Name}.");
                Assert.Equal(built.GetValueOrDefault(id, GroupSlot.Unmatched), facts.Slot);
                Assert.Equal(built.ContainsKey(id), facts.InAudience);
            }
        }

        foreach (var id in ids)
        {
            var inDuck = (await new CustomerAudienceCheck(duck.Engine).CheckAsync(request, id, ["email", "sms"]))!;
            var inPostgres = (await new CustomerAudienceCheck(postgres.Engine).CheckAsync(request, id, ["email", "sms"]))!;
            Assert.Equal(Describe(inDuck), Describe(inPostgres));
        }

        Assert.Equal(await new CustomerAudienceCheck(duck.Engine).FindAsync(ids[0]), await new CustomerAudienceCheck(postgres.Engine).FindAsync(ids[0]));
    }

    private static async Task<Dictionary<string, GroupSlot>> PlacedAsync(CustomerEngine engine, AudienceRequest request)
    {
        var placed = new Dictionary<string, GroupSlot>();
        await foreach (var member in new AudienceBuilder(engine).StreamAsync(request, AudienceSlice.Everyone, []))
        {
            placed[member.CustomerId] = member.Slot;
        }

        return placed;
    }

    // Customers the build leaves out (not included, excluded or suppressed), so both answers are exercised.
    private static async Task<IEnumerable<string>> OutsideAsync(CustomerEngine engine, AudienceRequest request, int count)
    {
        var placed = await PlacedAsync(engine, request);
        var everyone = new AudienceRequest
        {
            SplitKey = request.SplitKey,
            Include = [Campaigns.Bind("customer_id is not empty")],
            SubAudiences = [null],
            Plan = request.Plan,
            Today = request.Today,
        };
        var all = await PlacedAsync(engine, everyone);
        return all.Keys.Where(id => !placed.ContainsKey(id)).Order(StringComparer.Ordinal).Take(count);
    }

    private static string Describe(CustomerAudienceFacts facts) =>
        $"include {string.Join(",", facts.Include)}; exclude {string.Join(",", facts.Exclude)}; sub-audiences {string.Join(",", facts.SubAudiences)}; " +
        $"suppressed {string.Join(",", facts.Suppressed.OrderBy(p => p.Key, StringComparer.Ordinal))}; bucket {facts.Bucket}";
}
