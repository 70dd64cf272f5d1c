using System.Data.Common;
using CampaignBot.Core.Audiences;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Audiences;

/// <summary>50,000 demo customers, generated once and only read by the tests.</summary>
public sealed class FiftyThousandDemoCustomers : IAsyncLifetime
{
    public const int Customers = 50_000;
    public static readonly DateOnly AsOf = new(2026, 11, 23);

    private readonly DuckDbFile _db = new();
    private DbConnection? _keepOpen;

    public CustomerEngine Engine => _db.Engine;

    public AudienceBuilder Builder => new(_db.Engine);

    public async Task InitializeAsync()
    {
        _keepOpen = await _db.Engine.OpenAsync();
        await new DemoDataGenerator(_db.Engine).GenerateAsync(Customers, AsOf);
    }

    public async Task DisposeAsync()
    {
        if (_keepOpen is not null)
        {
            await _keepOpen.DisposeAsync();
        }

        await _db.DisposeAsync();
    }
}

/// <summary>At scale the split honours the plan's percents, and streaming agrees with counting.</summary>
public sealed class AudienceProportionTests(FiftyThousandDemoCustomers demo) : IClassFixture<FiftyThousandDemoCustomers>
{
    private const double Tolerance = 0.01;

    // Sub-audiences of 15,000 to 18,000 customers each, so one percentage point is about four standard deviations.
    private static AudienceRequest Request() => Campaigns.Request(
        Campaigns.SpringSaleId, FiftyThousandDemoCustomers.AsOf,
        include: ["country = US"],
        exclude: [],
        subAudiences: ["loyalty_member = true", "lifecycle_status = lapsed", null]);

    [Fact]
    public async Task Each_sub_audience_holds_out_ten_percent_and_splits_the_rest_forty_five_forty_five()
    {
        var request = Request();

        var tally = await demo.Builder.CountAsync(request);

        Assert.Equal(FiftyThousandDemoCustomers.Customers - await GloballySuppressedAsync(), tally.Total);
        for (var s = 0; s < request.Plan.SubAudienceCount; s++)
        {
            double size = tally.SubAudienceTotal(s);
            Assert.True(size > 10_000, $"Sub-audience {s} has only {size} customers.");
            Assert.InRange(tally.Count(GroupSlot.Control(s)) / size, 0.10 - Tolerance, 0.10 + Tolerance);
            Assert.InRange(tally.Count(new GroupSlot(s, 0)) / size, 0.45 - Tolerance, 0.45 + Tolerance);
            Assert.InRange(tally.Count(new GroupSlot(s, 1)) / size, 0.45 - Tolerance, 0.45 + Tolerance);
        }
    }

    [Fact]
    public async Task The_spring_sale_sub_audiences_split_ten_forty_five_forty_five_as_well()
    {
        var request = Campaigns.SpringSale(FiftyThousandDemoCustomers.AsOf);

        var tally = await demo.Builder.CountAsync(request);

        Assert.Equal(0, tally.Unmatched);
        for (var s = 0; s < request.Plan.SubAudienceCount; s++)
        {
            double size = tally.SubAudienceTotal(s);
            Assert.True(size > 0, $"Sub-audience {s} is empty.");

            // Smaller sub-audiences: allow three standard deviations of a fair 10/45/45 draw, at least one point.
            var slack = Math.Max(Tolerance, 3 * Math.Sqrt(0.45 * 0.55 / size));
            Assert.InRange(tally.Count(GroupSlot.Control(s)) / size, 0.10 - slack, 0.10 + slack);
            Assert.InRange(tally.Count(new GroupSlot(s, 0)) / size, 0.45 - slack, 0.45 + slack);
            Assert.InRange(tally.Count(new GroupSlot(s, 1)) / size, 0.45 - slack, 0.45 + slack);
        }
    }

    [Fact]
    public async Task Streaming_the_recipients_yields_exactly_the_counted_recipients()
    {
        var request = Request();
        var tally = await demo.Builder.CountAsync(request);
        var expected = Enumerable.Range(0, request.Plan.SubAudienceCount)
            .Sum(s => tally.Count(new GroupSlot(s, 0)) + tally.Count(new GroupSlot(s, 1)));

        var streamed = new Dictionary<GroupSlot, long>();
        await foreach (var member in demo.Builder.StreamAsync(request, AudienceSlice.Recipients, []))
        {
            streamed[member.Slot] = streamed.GetValueOrDefault(member.Slot) + 1;
        }

        Assert.Equal(expected, streamed.Values.Sum());
        Assert.All(streamed, p => Assert.Equal(tally.Count(p.Key), p.Value));
        Assert.DoesNotContain(streamed.Keys, slot => !slot.IsRecipient);
    }

    [Fact]
    public async Task Streaming_is_lazy_so_taking_the_first_ten_members_stops_there()
    {
        var taken = new List<AudienceMember>();
        await foreach (var member in demo.Builder.StreamAsync(Request(), AudienceSlice.Everyone, []))
        {
            taken.Add(member);
            if (taken.Count == 10)
            {
                break;
            }
        }

        Assert.Equal(10, taken.Count);
        Assert.Equal(10, taken.Select(m => m.CustomerId).Distinct().Count());
    }

    // Without a channel only the "all" suppressions apply; the demo data suppresses those by id.
    private async Task<long> GloballySuppressedAsync()
    {
        await using var connection = await demo.Engine.OpenAsync();
        return await connection.ScalarAsync<long>(demo.Engine, new SqlStatement("SELECT count(DISTINCT customer_id) FROM suppressions WHERE channel = 'all'", []));
    }
}
