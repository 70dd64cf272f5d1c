using System.Diagnostics;
using System.Runtime.CompilerServices;
using CampaignBot.Bench.Audiences;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Delivery.Export;

namespace CampaignBot.Bench.Export;

/// <summary>
/// Exports a split audience of N demo customers to three destinations (Klaviyo, Attentive SMS, Meta Ads):
/// one file per (recipient group, destination) from one audience pass per destination, rows streamed from
/// the engine through the destination's shaping (normalization, E.164, SHA-256) into CSV. n is the
/// customers; rows_per_second counts rows read.
/// </summary>
public static class ExportBenchmark
{
    private static readonly (DestinationKind Kind, string[] Attributes)[] Destinations =
    [
        (DestinationKind.Klaviyo, ["email", "given_name", "surname"]),
        (DestinationKind.Attentive, ["phone"]),
        (DestinationKind.MetaAds, ["email", "phone", "given_name", "surname", "postal_code"]),
    ];

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var customers = options.CustomersOr(1_000_000);
        var folder = Directory.CreateTempSubdirectory("campaignbot-bench-export-");
        try
        {
            await using var engine = new DuckDbEngine(Path.Combine(folder.FullName, "customers.duckdb"), "256MB");
            await new DemoDataGenerator(engine).GenerateAsync(customers, AudienceBenchmark.Today);
            PeakMemory.Reset();

            var request = AudienceBenchmark.Request();
            var builder = new AudienceBuilder(engine);
            long read = 0, written = 0, dropped = 0;
            var watch = Stopwatch.StartNew();
            foreach (var (kind, attributes) in Destinations)
            {
                var shaper = new RowShaper(DestinationCatalog.For(kind), attributes);
                var columns = AudienceBuilder.ResolveAttributes(attributes.Append("country").Select(a => (a, (string?)null)), out _);
                var names = new Dictionary<GroupSlot, string>();
                for (var s = 0; s < request.Plan.SubAudienceCount; s++)
                {
                    for (var g = 0; g < request.Plan[s].GroupNames.Count; g++)
                    {
                        names[new GroupSlot(s, g)] = ListNames.For(DestinationCatalog.For(DestinationKind.LocalFolder), kind.ToString(), request.Plan[s].GroupNames[g]);
                    }
                }

                var counter = new Counter();
                var rows = Rows(builder.StreamAsync(request, AudienceSlice.Recipients, columns), attributes.Length, counter);
                var files = await GroupExports.WriteAsync(Path.Combine(folder.FullName, "out"), names, shaper, rows);
                read += counter.Rows;
                written += files.Values.Sum(f => f.File.Rows);
                dropped += files.Values.Sum(f => f.Dropped.Total);
            }

            watch.Stop();
            Console.WriteLine($"Read {read:N0} recipient rows for 3 destinations, wrote {written:N0}, dropped {dropped:N0}, in {watch.Elapsed.TotalSeconds:0.00} s");
            return new BenchReport("export", customers, Math.Round(watch.Elapsed.TotalSeconds, 3), Math.Round(read / watch.Elapsed.TotalSeconds), Math.Round(PeakMemory.Megabytes(), 1));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async IAsyncEnumerable<(GroupSlot, ExportSourceRow)> Rows(
        IAsyncEnumerable<AudienceMember> members, int attributeCount, Counter counter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var member in members.WithCancellation(cancellationToken))
        {
            counter.Rows++;
            yield return (member.Slot, new ExportSourceRow(member.Attributes[..attributeCount], member.Attributes[attributeCount] as string));
        }
    }

    private sealed class Counter
    {
        public long Rows { get; set; }
    }
}
