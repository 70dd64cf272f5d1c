using System.Diagnostics;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Campaigns;
using CampaignBot.Core.Scheduling;

namespace CampaignBot.Bench.Splitting;

/// <summary>
/// Streams N synthetic customers through the sticky splitter: 3 sub-audiences, each control + 2 groups.
/// Customers are generated one at a time and only counted, so memory must stay flat whatever N is.
/// </summary>
public static class SplitBenchmark
{
    public static Task<BenchReport> RunAsync(BenchOptions options)
    {
        var customers = options.CustomersOr(10_000_000);
        var splitter = StickySplitter.For(new CampaignId(Guid.Parse("5b0d7c1e-3f2a-4e8b-9c6d-1a2b3c4d5e6f")), Campaign());
        var tally = new SplitTally(splitter.Plan);

        var watch = Stopwatch.StartNew();
        foreach (var placed in splitter.Split(Synthetic(customers), c => c, SubAudienceOf))
        {
            tally.Add(placed.Slot);
        }

        watch.Stop();
        if (tally.Total != customers)
        {
            throw new InvalidOperationException($"Split {tally.Total} of {customers} customers.");
        }

        PrintShares(splitter.Plan, tally);
        return Task.FromResult(BenchReport.Measured("split", customers, watch.Elapsed));
    }

    private static IEnumerable<string> Synthetic(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return $"C{i:D10}";
        }
    }

    // Stands in for the engine's first-match answer: a fixed, cheap spread over the three sub-audiences.
    private static int SubAudienceOf(string customerId) => customerId[^1] % 3;

    private static void PrintShares(SplitPlan plan, SplitTally tally)
    {
        for (var s = 0; s < plan.SubAudienceCount; s++)
        {
            var total = (double)tally.SubAudienceTotal(s);
            var shares = Enumerable.Range(-1, plan[s].GroupNames.Count + 1)
                .Select(g => $"{(g < 0 ? "control" : plan[s].GroupNames[g])} {tally.Count(new GroupSlot(s, g)) * 100 / total:0.00}%");
            Console.WriteLine($"{plan[s].Name}: {string.Join(", ", shares)}");
        }
    }

    private static CampaignDefinition Campaign() => new()
    {
        Name = "Benchmark",
        Type = CampaignType.Recurring,
        Audience = new AudiencePlan(["All customers"], []),
        SubAudiences =
        [
            SubAudience("Active", "Active", 1000, 4500, 4500),
            SubAudience("At risk", "At risk", 2000, 4000, 4000),
            SubAudience("Everyone else", null, 500, 4750, 4750),
        ],
        Schedule = new CampaignSchedule { TimeZone = TimeZoneInfo.Utc, Cadence = Cadence.Weekly },
    };

    private static SubAudience SubAudience(string name, string? segment, int control, int first, int second) => new()
    {
        Name = name,
        Segment = segment,
        ControlPercent = new Percentage(control),
        Groups =
        [
            new RecipientGroup { Name = $"{name} A", Percent = new Percentage(first), Destinations = [new DestinationAssignment("local", [])] },
            new RecipientGroup { Name = $"{name} B", Percent = new Percentage(second), Destinations = [new DestinationAssignment("local", [])] },
        ],
    };
}
