using System.Diagnostics;
using System.Globalization;
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
/// customers; rows_per_second counts rows read. The same export first runs with plain shaping (every value
/// normalized and hashed on every row, as before repeated values were remembered) as the reference, and the
/// two sets of files must be byte for byte the same.
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
            var plain = await ExportAllAsync(engine, request, Path.Combine(folder.FullName, "plain"), rememberRepeatedValues: false);
            var remembered = await ExportAllAsync(engine, request, Path.Combine(folder.FullName, "remembered"), rememberRepeatedValues: true);
            var peak = PeakMemory.Megabytes();
            var identical = SameFiles(Path.Combine(folder.FullName, "plain"), Path.Combine(folder.FullName, "remembered"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"plain shaping (reference): {plain.Seconds:0.00} s, {plain.Read / plain.Seconds:N0} rows/s, {plain.Cpu:0.0} CPU-s; "
                + $"remembering repeated values: {remembered.Seconds:0.00} s, {remembered.Read / remembered.Seconds:N0} rows/s, {remembered.Cpu:0.0} CPU-s; "
                + $"files identical: {identical}; load average {LoadAverage()}"));
            if (!identical)
            {
                throw new InvalidOperationException("Remembering repeated values changed the exported files.");
            }

            return new BenchReport("export", customers, Math.Round(remembered.Seconds, 3), Math.Round(remembered.Read / remembered.Seconds), Math.Round(peak, 1))
            {
                ReferenceSeconds = Math.Round(plain.Seconds, 3),
                Ratio = Math.Round(remembered.Seconds / plain.Seconds, 3),
            };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed record Pass(long Read, double Seconds, double Cpu);

    private static async Task<Pass> ExportAllAsync(DuckDbEngine engine, AudienceRequest request, string folder, bool rememberRepeatedValues)
    {
        var builder = new AudienceBuilder(engine);
        long read = 0, written = 0, dropped = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        foreach (var (kind, attributes) in Destinations)
        {
            var shaper = new RowShaper(DestinationCatalog.For(kind), attributes, rememberRepeatedValues: rememberRepeatedValues);
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
            var files = await GroupExports.WriteAsync(folder, names, shaper, rows);
            read += counter.Rows;
            written += files.Values.Sum(f => f.File.Rows);
            dropped += files.Values.Sum(f => f.Dropped.Total);
        }

        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"Read {read:N0} recipient rows for 3 destinations, wrote {written:N0}, dropped {dropped:N0}, in {watch.Elapsed.TotalSeconds:0.00} s");
        return new Pass(read, watch.Elapsed.TotalSeconds, cpu.TotalSeconds);
    }

    // The audience streams unordered (the engine scans in parallel), so each file is compared as its header and its set of lines;
    // GroupExportsTests compares plain and remembering exports byte for byte from one ordered source.
    private static bool SameFiles(string one, string other)
    {
        var names = Directory.GetFiles(one).Select(Path.GetFileName).Order().ToList();
        return names.SequenceEqual(Directory.GetFiles(other).Select(Path.GetFileName).Order()) && names.All(name => SameLines(Path.Combine(one, name!), Path.Combine(other, name!)));
    }

    private static bool SameLines(string one, string other)
    {
        var (a, b) = (File.ReadAllLines(one), File.ReadAllLines(other));
        return a.Length == b.Length && (a.Length == 0 || a[0] == b[0]) && a.Skip(1).Order(StringComparer.Ordinal).SequenceEqual(b.Skip(1).Order(StringComparer.Ordinal));
    }

    // The machine's 1-minute load average (Linux), since other work on the same cores moves these numbers.
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

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
