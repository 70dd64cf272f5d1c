using CampaignBot.Core.Audiences;

namespace CampaignBot.Core.Tests.Audiences;

public sealed class StickySplitterTests
{
    private const int Audience = 100_000;

    [Theory]
    [InlineData(0, 10.0, 45.0, 45.0)]
    [InlineData(1, 20.0, 40.0, 40.0)]
    [InlineData(2, 5.0, 47.5, 47.5)]
    public void Groups_come_within_half_a_point_of_their_percents_at_100k(int subAudience, double control, double first, double second)
    {
        var splitter = Splits.For(Splits.SpringSale);
        var tally = new SplitTally(splitter.Plan);

        foreach (var customer in Splits.Customers(Audience))
        {
            tally.Add(splitter.Assign(customer, subAudience));
        }

        Assert.InRange(Share(tally.Count(GroupSlot.Control(subAudience))), control - 0.5, control + 0.5);
        Assert.InRange(Share(tally.Count(new GroupSlot(subAudience, 0))), first - 0.5, first + 0.5);
        Assert.InRange(Share(tally.Count(new GroupSlot(subAudience, 1))), second - 0.5, second + 0.5);
        Assert.Equal(Audience, tally.SubAudienceTotal(subAudience));
    }

    [Fact]
    public void A_customer_gets_the_same_group_on_every_run()
    {
        var firstRun = Splits.Customers(20_000).Select(c => Splits.For(Splits.SpringSale).Assign(c, 0)).ToList();
        var secondRun = Splits.Customers(20_000).Select(c => Splits.For(Splits.SpringSale).Assign(c, 0)).ToList();

        Assert.Equal(firstRun, secondRun);
    }

    [Fact]
    public void Adding_customers_never_moves_existing_ones()
    {
        var splitter = Splits.For(Splits.SpringSale);
        var before = Splits.Customers(10_000).ToDictionary(c => c, c => splitter.Assign(c, 1));

        // Next week's audience: the same people plus 30,000 new ones, arriving in a different order.
        var grown = Splits.Customers(40_000).Reverse();
        var after = splitter.Split(grown, c => c, _ => 1).ToDictionary(p => p.Member, p => p.Slot);

        Assert.All(before, pair => Assert.Equal(pair.Value, after[pair.Key]));
    }

    [Fact]
    public void Different_campaigns_split_independently()
    {
        // Contingency table of a customer's group in one campaign against their group in another.
        var spring = Splits.For(Splits.SpringSale);
        var summer = Splits.For(Splits.SummerSale);
        var table = new long[3, 3];
        foreach (var customer in Splits.Customers(Audience))
        {
            table[spring.Assign(customer, 0).Group + 1, summer.Assign(customer, 0).Group + 1]++;
        }

        // Pearson chi-square for independence, (3-1)(3-1) = 4 degrees of freedom; 18.47 is the p = 0.001 critical value.
        Assert.InRange(ChiSquare.Independence(table), 0, 18.47);
    }

    [Fact]
    public void Different_campaigns_put_the_same_customer_in_unrelated_buckets()
    {
        var spring = Splits.For(Splits.SpringSale);
        var summer = Splits.For(Splits.SummerSale);

        var pairs = Splits.Customers(Audience).Select(c => (spring.BucketOf(c), summer.BucketOf(c))).ToList();

        Assert.InRange(ChiSquare.Correlation(pairs), -0.015, 0.015);
    }

    [Fact]
    public void Buckets_are_uniform_by_chi_square()
    {
        var splitter = Splits.For(Splits.SpringSale);
        var bins = new long[100];
        foreach (var customer in Splits.Customers(Audience))
        {
            bins[splitter.BucketOf(customer) / 100]++;
        }

        // 99 degrees of freedom; 148.23 is the p = 0.001 critical value.
        Assert.InRange(ChiSquare.Uniformity(bins), 0, 148.23);
    }

    [Fact]
    public void Control_customers_are_never_in_a_send_list()
    {
        var splitter = Splits.For(Splits.SpringSale);
        var placed = splitter.Split(Splits.Customers(Audience), c => c, c => c[^1] % 3).ToList();
        var control = placed.Where(p => p.Slot.IsControl).Select(p => p.Member).ToHashSet();

        var recipients = placed.Recipients().ToList();

        Assert.NotEmpty(control);
        Assert.DoesNotContain(recipients, p => control.Contains(p.Member));
        Assert.Equal(placed.Count - control.Count, recipients.Count);
    }

    [Fact]
    public void Customers_matching_no_sub_audience_are_reported_not_sent()
    {
        var splitter = Splits.For(Splits.SpringSale);
        var tally = new SplitTally(splitter.Plan);

        var placed = splitter.Split(["C1", "C2", "C3"], c => c, c => c == "C2" ? -1 : 0).ToList();
        placed.ForEach(p => tally.Add(p.Slot));

        var unmatched = Assert.Single(placed, p => p.Slot.IsUnmatched);
        Assert.Equal("C2", unmatched.Member);
        Assert.DoesNotContain(placed.Recipients(), p => p.Member == "C2");
        Assert.Equal(1, tally.Unmatched);
        Assert.Equal(3, tally.Total);
    }

    [Fact]
    public void A_sub_audience_the_plan_does_not_have_is_unmatched()
    {
        Assert.True(Splits.For(Splits.SpringSale).Assign("C1", 7).IsUnmatched);
    }

    [Fact]
    public async Task Async_split_streams_without_reading_the_whole_audience()
    {
        var splitter = Splits.For(Splits.SpringSale);
        var read = 0;

        var firstFive = await splitter.SplitAsync(Endless(() => read++), c => c, _ => 2).Take(5).ToListAsync();

        Assert.Equal(5, firstFive.Count);
        Assert.InRange(read, 5, 6);
        Assert.Equal(Splits.Customers(5).Select(c => splitter.Assign(c, 2)), firstFive.Select(p => p.Slot));
    }

    [Fact]
    public async Task Async_split_stops_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var splitter = Splits.For(Splits.SpringSale);
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in splitter.SplitAsync(Endless(() => { }), c => c, _ => 0, cancellation.Token))
            {
                if (++seen == 100)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.Equal(100, seen);
    }

    private static double Share(long count) => count * 100.0 / Audience;

    private static async IAsyncEnumerable<string> Endless(Action onRead, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; ; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            onRead();
            await Task.Yield();
            yield return $"C{i:D7}";
        }
    }
}
