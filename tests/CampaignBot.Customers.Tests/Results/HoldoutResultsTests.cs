using CampaignBot.Core.Audiences;
using CampaignBot.Core.CrossCampaign;
using CampaignBot.Core.Results;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Results;
using CampaignBot.Customers.Tests.Audiences;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Results;

/// <summary>
/// All marketing against the global holdout over the demo data: recipients shop with the planted effect, the holdout
/// at the control's rate, and the engine's two rows, judged by the Core statistics, find the difference.
/// </summary>
public sealed class HoldoutResultsTests
{
    private const string CampaignId = Campaigns.SpringSaleId;
    private const string RunId = "run-1";
    private const string Seed = "results-2";
    private static readonly DateOnly AsOf = new(2026, 11, 23);
    private static readonly DateTimeOffset SentAt = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly GlobalHoldout Holdout = GlobalHoldout.From(new HoldoutOptions { Percent = 10 })!;

    // From the send to a week later: the simulated orders fall inside, the baseline history (all before AsOf) outside.
    private static readonly HoldoutRequest Week = new(Holdout, SentAt, SentAt.AddDays(8));

    [Fact]
    public async Task Holdout_comparison_with_the_planted_effect_shows_a_positive_lift_whose_interval_excludes_zero()
    {
        await using var duck = new DuckDbFile();
        var counts = await MeasureAsync(duck.Engine, 60_000, PlantedEffect.Demo);

        var lift = LiftVerdict.Compare("marketing", counts.Marketed, counts.HeldOut);
        Assert.True(lift.Measurable, lift.Verdict);
        Assert.True(lift.AbsoluteLift.Lower > 0, lift.Verdict);
        Assert.True(lift.AbsoluteLift.Lower <= 0.01 && 0.01 <= lift.AbsoluteLift.Upper, lift.Verdict);
        Assert.EndsWith("marketing worked", lift.Verdict, StringComparison.Ordinal);

        // Everyone in the holdout is on its side, and nobody a destination reached is: control rows are not deliveries.
        Assert.InRange(counts.HeldOut.Customers, 60_000 * 8 / 100, 60_000 * 12 / 100);
        Assert.Equal(await DeliveredAsync(duck.Engine), counts.Marketed.Customers);
    }

    [Fact]
    public async Task Holdout_comparison_with_no_sends_is_not_yet_measurable()
    {
        await using var duck = new DuckDbFile();
        await new DemoDataGenerator(duck.Engine).GenerateAsync(5_000, AsOf);

        var counts = await new HoldoutResultsQuery(duck.Engine).CountAsync(Week);

        Assert.Equal(0, counts.Marketed.Customers);
        Assert.True(counts.HeldOut.Customers > 0);
        Assert.StartsWith("not yet measurable", LiftVerdict.Compare("marketing", counts.Marketed, counts.HeldOut).Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Holdout_orders_outside_the_period_or_before_the_first_delivery_do_not_count()
    {
        await using var duck = new DuckDbFile();
        var week = await MeasureAsync(duck.Engine, 5_000, PlantedEffect.Demo);
        var query = new HoldoutResultsQuery(duck.Engine);

        // A period ending a day after the send sees only some of the week's orders; one starting a day before it counts
        // the same for both sides, since each side's orders count from the first delivery, not from the period's start.
        var day = await query.CountAsync(Week with { To = SentAt.AddDays(1) });
        var earlier = await query.CountAsync(Week with { From = SentAt.AddDays(-1) });

        Assert.True(day.Marketed.Converters < week.Marketed.Converters && day.HeldOut.Converters < week.HeldOut.Converters);
        Assert.Equal(week.Marketed, earlier.Marketed);
        Assert.Equal(week.HeldOut, earlier.HeldOut);
    }

    [Fact]
    public async Task Holdout_results_agree_between_DuckDB_and_PostgreSQL()
    {
        await using var duck = new DuckDbFile();
        await using var postgres = await PostgresDatabase.CreateAsync();

        var inDuck = await MeasureAsync(duck.Engine, 20_000, PlantedEffect.Demo);
        var inPostgres = await MeasureAsync(postgres.Engine, 20_000, PlantedEffect.Demo);

        Assert.True(inDuck.Marketed.Converters > 0 && inDuck.HeldOut.Converters > 0);
        Assert.Equal(inDuck, inPostgres);
    }

    // Demo customers, a campaign with the holdout applied recorded as sent (control 10%, groups 45/45 in two
    // sub-audiences), the simulated orders of recipients, controls and the holdout, and the two rows.
    private static async Task<HoldoutCounts> MeasureAsync(CustomerEngine engine, int customers, PlantedEffect effect)
    {
        await new DemoDataGenerator(engine).GenerateAsync(customers, AsOf);
        var request = Campaigns.Request(CampaignId, AsOf, include: ["country = US"], exclude: [], subAudiences: ["loyalty_member = true", null]) with { Holdout = Holdout };
        var history = new SendHistory(engine);
        for (var s = 0; s < 2; s++)
        {
            await history.RecordAsync(new SendRecord(CampaignId, RunId, $"Sub-audience {s}", "Control", true, null, null, SentAt), request, GroupSlot.Control(s));
            for (var g = 0; g < 2; g++)
            {
                await history.RecordAsync(new SendRecord(CampaignId, RunId, $"Sub-audience {s}", $"S{s} {g}", false, "email", "outbox", SentAt), request, new GroupSlot(s, g));
            }
        }

        await new OrderSimulator(engine).AddOrdersAsync(RunId, 7, effect, Seed, Holdout);
        return await new HoldoutResultsQuery(engine).CountAsync(Week);
    }

    private static async Task<long> DeliveredAsync(CustomerEngine engine)
    {
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement("SELECT count(DISTINCT customer_id) FROM campaign_sends WHERE NOT is_control", []));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
