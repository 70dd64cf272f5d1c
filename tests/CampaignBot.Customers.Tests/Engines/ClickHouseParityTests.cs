using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Insights;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Audiences;

namespace CampaignBot.Customers.Tests.Engines;

/// <summary>The same 100,000 demo customers in a DuckDB file and on the two-shard ClickHouse cluster; generated once, only read.</summary>
public sealed class ClickHouseParityCustomers : IAsyncLifetime
{
    public const int Customers = 100_000;
    public static readonly DateOnly AsOf = new(2026, 11, 23);
    private ClickHouseDatabase? _clickHouse;

    public DuckDbFile Duck { get; } = new();

    public ClickHouseDatabase ClickHouse => _clickHouse ?? throw new InvalidOperationException("The cluster's database is created in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _clickHouse = await ClickHouseDatabase.CreateAsync();
        await Task.WhenAll(
            new DemoDataGenerator(Duck.Engine).GenerateAsync(Customers, AsOf),
            new DemoDataGenerator(ClickHouse.Engine).GenerateAsync(Customers, AsOf));
    }

    public async Task DisposeAsync()
    {
        await Duck.DisposeAsync();
        if (_clickHouse is not null)
        {
            await _clickHouse.DisposeAsync();
        }
    }
}

/// <summary>
/// A campaign over the same customers gives the same answers on DuckDB and on ClickHouse with the customers spread
/// over two shards: the same group for every customer, the same preview counts, the same explanations.
/// </summary>
public sealed class ClickHouseParityTests(ClickHouseParityCustomers customers) : IClassFixture<ClickHouseParityCustomers>
{
    private readonly DuckDbEngine _duck = customers.Duck.Engine;
    private readonly ClickHouseEngine _clickHouse = customers.ClickHouse.Engine;
    private readonly AudienceRequest _springSale = Campaigns.SpringSale(ClickHouseParityCustomers.AsOf);

    [Fact]
    public async Task Demo_data_is_identical_on_DuckDB_and_ClickHouse()
    {
        foreach (var table in CustomerSchema.Tables.Select(t => t.Name).Append(CustomerSchema.Suppressions))
        {
            var inDuck = await EngineReads.RowsAsync(_duck, table);
            var inClickHouse = await EngineReads.RowsAsync(_clickHouse, table);

            // The first row that differs, whole, before the lists: 100,000 rows are too many to show.
            var (duckRow, clickHouseRow) = inDuck.Zip(inClickHouse).FirstOrDefault(rows => rows.First != rows.Second);
            Assert.Equal(duckRow, clickHouseRow);
            Assert.Equal(inDuck, inClickHouse);
        }

        Assert.Equal(ClickHouseParityCustomers.Customers, await CustomerTables.CountAsync(_clickHouse, CustomerSchema.Customer360));
    }

    [Fact]
    public async Task Each_ClickHouse_shard_holds_a_share_of_the_customers_and_their_merged_rows()
    {
        var shares = new List<long>();
        foreach (var node in customers.ClickHouse.Nodes)
        {
            var held = Convert.ToInt64(await ClickHouseDatabase.ScalarOnNodeAsync(node, "SELECT count() FROM customer_360_local"));
            var mergedElsewhere = Convert.ToInt64(await ClickHouseDatabase.ScalarOnNodeAsync(node,
                "SELECT count() FROM merged_customers_local WHERE customer_id NOT IN (SELECT customer_id FROM customer_360_local)"));

            Assert.InRange(held, ClickHouseParityCustomers.Customers * 4 / 10, ClickHouseParityCustomers.Customers * 6 / 10);
            Assert.Equal(0, mergedElsewhere);
            shares.Add(held);
        }

        Assert.Equal(2, shares.Count);
        Assert.Equal(ClickHouseParityCustomers.Customers, shares.Sum());
    }

    [Fact]
    public async Task A_campaign_places_every_customer_in_the_same_group_on_DuckDB_and_ClickHouse()
    {
        var attributes = AudienceBuilder.ResolveAttributes([("email", null), ("lifetime_value", "customer_360"), ("birthdate", null)], out _);

        var inDuck = await EngineReads.PlacementsAsync(new AudienceBuilder(_duck), _springSale, attributes);
        var inClickHouse = await EngineReads.PlacementsAsync(new AudienceBuilder(_clickHouse), _springSale, attributes);

        Assert.InRange(inDuck.Count, ClickHouseParityCustomers.Customers / 4, ClickHouseParityCustomers.Customers);
        Assert.Equal(inDuck, inClickHouse);
        Assert.Equal(
            Tally(await new AudienceBuilder(_duck).CountAsync(_springSale)),
            Tally(await new AudienceBuilder(_clickHouse).CountAsync(_springSale)));
    }

    [Fact]
    public async Task A_group_streams_in_the_same_order_and_resumes_after_the_same_customer_on_DuckDB_and_ClickHouse()
    {
        var slice = AudienceSlice.Of(new GroupSlot(1, 0));

        var inDuck = await OrderedIdsAsync(_duck, slice, after: null);
        var inClickHouse = await OrderedIdsAsync(_clickHouse, slice, after: null);
        var resumeAfter = inDuck[inDuck.Count / 2];

        Assert.Equal(inDuck, inClickHouse);
        Assert.Equal(inDuck.Skip(inDuck.Count / 2 + 1), await OrderedIdsAsync(_clickHouse, slice, resumeAfter));
    }

    [Fact]
    public async Task Recipients_export_to_the_same_csv_records_from_DuckDB_and_ClickHouse()
    {
        var attributes = AudienceBuilder.ResolveAttributes([("email", null), ("given_name", null), ("birthdate", null), ("order_count", "customer_360")], out _);
        var folder = Directory.CreateTempSubdirectory("campaignbot-export-");
        try
        {
            var (fromDuck, fromClickHouse) = (Path.Combine(folder.FullName, "duckdb.csv"), Path.Combine(folder.FullName, "clickhouse.csv"));

            var rows = await new AudienceBuilder(_duck).ExportCsvAsync(_springSale, AudienceSlice.Recipients, attributes, fromDuck);

            Assert.Equal(rows, await new AudienceBuilder(_clickHouse).ExportCsvAsync(_springSale, AudienceSlice.Recipients, attributes, fromClickHouse));
            Assert.Equal(Records(fromDuck), Records(fromClickHouse));
            Assert.Equal(rows + 1, File.ReadLines(fromClickHouse).Count());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Preview_counts_exclusions_and_suppressions_are_the_same_on_DuckDB_and_ClickHouse()
    {
        var checks = PreviewEqualityTests.Checks();

        var inDuck = await PreviewEqualityTests.CountsAsync(new AudienceBreakdown(_duck), _springSale, checks);
        var inClickHouse = await PreviewEqualityTests.CountsAsync(new AudienceBreakdown(_clickHouse), _springSale, checks);

        Assert.Equal(inDuck.Figures, inClickHouse.Figures);
        Assert.True(inDuck.Funnel.RemovedByExclusion.All(r => r > 0), "each exclusion removes somebody");
        Assert.True(inDuck.Funnel.Suppressed > 0, "some customers are suppressed");
        Assert.True(inDuck.Deliveries.Any(d => d.Suppressed > 0), "a destination's channel suppresses somebody");
    }

    [Fact]
    public async Task Explain_finds_and_places_each_customer_the_same_on_DuckDB_and_ClickHouse()
    {
        var placed = (await EngineReads.PlacementsAsync(new AudienceBuilder(_duck), _springSale, [])).Select(p => p[..p.IndexOf('|', StringComparison.Ordinal)]).ToHashSet();
        var everyone = Enumerable.Range(1, ClickHouseParityCustomers.Customers).Select(i => $"C{i:00000000}").ToList();
        var ids = everyone.Where(placed.Contains).Where((_, i) => i % 4000 == 0)
            .Concat(everyone.Where(id => !placed.Contains(id)).Where((_, i) => i % 4000 == 0))
            .Append("C00000097").Append("C00000216").ToList(); // suppressed by id, by address (DemoDataGenerator.Suppressions)

        foreach (var id in ids)
        {
            var inDuck = await new CustomerAudienceCheck(_duck).CheckAsync(_springSale, id, ["email", "sms"]);
            var inClickHouse = await new CustomerAudienceCheck(_clickHouse).CheckAsync(_springSale, id, ["email", "sms"]);

            Assert.Equal(Describe(inDuck!), Describe(inClickHouse!));
        }

        Assert.True((await new CustomerAudienceCheck(_clickHouse).CheckAsync(_springSale, "C00000097", []))!.SuppressedEverywhere);

        var email = (string)(await new CustomerAudienceCheck(_duck).ReadAttributesAsync(ids[0], AudienceBuilder.ResolveAttributes([("email", null)], out _)))[0]!;
        Assert.Equal(await new CustomerAudienceCheck(_duck).FindAsync(email.ToUpperInvariant()), await new CustomerAudienceCheck(_clickHouse).FindAsync(email.ToUpperInvariant()));
        Assert.Equal([ids[0]], await new CustomerAudienceCheck(_clickHouse).FindAsync(ids[0]));
    }

    [Theory]
    [InlineData("lifetime_value > 500")]
    [InlineData("city contains an and state starts with C")]
    [InlineData("last_order_date in last 90 days or lifecycle_status in ('at risk', lapsed)")]
    public async Task Segment_insights_are_the_same_on_DuckDB_and_ClickHouse(string segment)
    {
        var filter = Campaigns.Bind(segment);

        var inDuck = await new SegmentInsightsQuery(_duck).ComputeAsync(filter, ClickHouseParityCustomers.AsOf);
        var inClickHouse = await new SegmentInsightsQuery(_clickHouse).ComputeAsync(filter, ClickHouseParityCustomers.AsOf);

        Assert.InRange(inDuck.Customers, 1, ClickHouseParityCustomers.Customers - 1);
        Assert.Equal(Describe(inDuck), Describe(inClickHouse));
    }

    [Fact]
    public async Task Values_with_quotes_and_backslashes_stay_values_on_ClickHouse()
    {
        var filter = Campaigns.Bind("given_name = \"x' OR '1'='1\" or city contains \"\\'); DROP TABLE customer_360; --\" or surname starts with \"\\\"");

        var insights = await new SegmentInsightsQuery(_clickHouse).ComputeAsync(filter, ClickHouseParityCustomers.AsOf);

        Assert.Equal((0L, (long)ClickHouseParityCustomers.Customers), (insights.Customers, insights.AllCustomers));
    }

    private async Task<List<string>> OrderedIdsAsync(CustomerEngine engine, AudienceSlice slice, string? after) =>
        await new AudienceBuilder(engine).StreamOrderedAsync(_springSale, slice, [], after).Select(m => m.CustomerId).ToListAsync();

    // Header first, then the records in order; ClickHouse quotes every text field, DuckDB only where needed (the demo
    // values hold no commas, quotes or line breaks).
    private static List<string> Records(string csv)
    {
        var lines = File.ReadLines(csv).Select(line => string.Join(',', line.Split(',').Select(field => field.Trim('"')))).ToList();
        return [lines[0], .. lines.Skip(1).Order(StringComparer.Ordinal)];
    }

    private static string Tally(SplitTally tally) =>
        $"{tally.Total} " + string.Join(" ", Enumerable.Range(0, 3).SelectMany(s => new[] { GroupSlot.Control(s), new GroupSlot(s, 0), new GroupSlot(s, 1) }).Select(tally.Count));

    private static string Describe(CustomerAudienceFacts facts) =>
        $"{facts.CustomerId}: include {string.Join(",", facts.Include)}; exclude {string.Join(",", facts.Exclude)}; sub-audiences {string.Join(",", facts.SubAudiences)}; " +
        $"suppressed {string.Join(",", facts.Suppressed.OrderBy(p => p.Key, StringComparer.Ordinal))}; bucket {facts.Bucket}; slot {facts.Slot}";

    private static string Describe(SegmentInsights insights) =>
        $"{insights.Customers}/{insights.AllCustomers} {insights.TotalLifetimeValue:0.00} {insights.AverageLifetimeValue:0.00} " +
        string.Join(", ", insights.ByLifecycleStatus.Select(s => $"{s.Status} {s.Customers} {s.TotalLifetimeValue:0.00}"));
}
