using System.Diagnostics;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Bench.Audiences;

/// <summary>
/// Times a campaign preview's engine work over N demo customers in DuckDB, with the audience benchmark's
/// campaign: the full breakdown (funnel, placement and four destination checks) against the split tally
/// alone, which is all the preview counted before the breakdown, as the reference.
/// </summary>
public static class PreviewBenchmark
{
    private const string MemoryLimit = "256MB";

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var customers = options.CustomersOr(1_000_000);
        var folder = Directory.CreateTempSubdirectory("campaignbot-bench-");
        try
        {
            await using var engine = new DuckDbEngine(Path.Combine(folder.FullName, "customers.duckdb"), MemoryLimit);
            await new DemoDataGenerator(engine).GenerateAsync(customers, AudienceBenchmark.Today);
            PeakMemory.Reset();

            var request = AudienceBenchmark.Request();
            var checks = Checks();
            var tallyOnly = TimeSpan.MaxValue;
            var breakdown = TimeSpan.MaxValue;
            var funnelOnly = TimeSpan.MaxValue;
            (AudienceFunnel Funnel, PlacementCounts Placed)? counts = null;
            for (var round = 0; round < 2; round++)
            {
                var watch = Stopwatch.StartNew();
                await new AudienceBuilder(engine).CountAsync(request);
                tallyOnly = Min(tallyOnly, watch.Elapsed);

                watch.Restart();
                var preview = new AudienceBreakdown(engine);
                var narrowed = await preview.FunnelAsync(request);
                var funnelElapsed = watch.Elapsed;
                counts = (narrowed, await preview.PlaceAsync(request, checks));
                if (watch.Elapsed < breakdown)
                {
                    (breakdown, funnelOnly) = (watch.Elapsed, funnelElapsed);
                }
            }

            var (funnel, placed) = counts!.Value;
            Console.WriteLine($"Included {funnel.Included:N0}, removed by exclusion {string.Join(" / ", funnel.RemovedByExclusion.Select(r => r.ToString("N0")))}, suppressed {funnel.Suppressed:N0}, audience {placed.Tally.Total:N0}");
            Console.WriteLine($"Deliverable per check: {string.Join(", ", placed.Deliveries.Select(d => $"{d.Deliverable:N0} of {d.Members:N0}"))}");
            Console.WriteLine($"Preview breakdown {breakdown.TotalSeconds:0.00} s (funnel {funnelOnly.TotalSeconds:0.00} s, placement and checks {(breakdown - funnelOnly).TotalSeconds:0.00} s), split tally alone {tallyOnly.TotalSeconds:0.00} s");
            return BenchReport.Measured("preview", customers, breakdown) with
            {
                ReferenceSeconds = Math.Round(tallyOnly.TotalSeconds, 3),
                Ratio = Math.Round(breakdown.TotalSeconds / tallyOnly.TotalSeconds, 3),
            };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Klaviyo (email, email suppressions), Attentive by SMS, TikTok and Meta, on groups of different sub-audiences.
    private static List<DeliveryCheck> Checks()
    {
        var columns = AudienceBuilder.ResolveAttributes([("email", null), ("phone", null), ("idfa", null)], out _);
        DeliveryCheck Check(GroupSlot slot, DestinationKind kind, string? channel, params string[] attributes) => new(
            slot, channel, IdentifierRequirements.For(DestinationCatalog.For(kind), attributes)
                .Select(r => new ColumnRequirement(r.Reason, r.AnyOf.Select(a => columns.Single(c => c.Name == a)).ToList()))
                .ToList());

        return
        [
            Check(new GroupSlot(0, 0), DestinationKind.Klaviyo, "email", "email"),
            Check(new GroupSlot(0, 1), DestinationKind.Attentive, "sms", "phone"),
            Check(new GroupSlot(1, 0), DestinationKind.TikTokAds, null, "email", "phone"),
            Check(new GroupSlot(2, 1), DestinationKind.MetaAds, null, "email", "phone", "idfa"),
        ];
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;
}
