using System.Diagnostics;
using CampaignBot.Bench.Audiences;
using CampaignBot.Customers.DemoData;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Bench.Imports;

/// <summary>
/// Imports a CSV of N demo customers into customer_360 (replace) through the product's path, the one the API and the
/// import command run (CustomerImporter: parsed and checked row by row, loaded beside the table, checked whole,
/// swapped in), then as the reference does the same replace with DuckDB's own read_csv in one transaction, in the
/// same process and on the same engine. n is the rows; peak_mb is the process's peak during the product's import and
/// reference_peak_mb during the reference's.
/// </summary>
public static class ImportBenchmark
{
    private const string MemoryLimit = "256MB";

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var customers = options.CustomersOr(10_000_000);
        var folder = Directory.CreateTempSubdirectory("campaignbot-bench-import-");
        try
        {
            var file = Path.Combine(folder.FullName, "customers.csv");
            // The file is made by an engine of its own, closed before the import starts, so its buffers are not counted.
            await using (var demo = new DuckDbEngine(Path.Combine(folder.FullName, "demo.duckdb"), MemoryLimit))
            {
                await new DemoDataGenerator(demo).GenerateAsync(customers, AudienceBenchmark.Today);
                await demo.ExportCsvAsync(new SqlStatement("SELECT * FROM customer_360", []), file);
            }

            Console.WriteLine($"Wrote {customers:N0} customers to a {new FileInfo(file).Length / 1_048_576.0:N0} MB CSV");
            await using var engine = new DuckDbEngine(Path.Combine(folder.FullName, "customers.duckdb"), MemoryLimit);
            await CustomerTables.EnsureCreatedAsync(engine);
            GC.Collect();
            PeakMemory.Reset();
            Console.WriteLine($"Resident before the import: {PeakMemory.Megabytes():N0} MB");

            var watch = Stopwatch.StartNew();
            var report = await new CustomerImporter(engine).ImportAsync(file, new ImportRequest { Target = ImportTarget.Customer360, Mode = ImportMode.Replace });
            watch.Stop();
            var peak = PeakMemory.Megabytes();
            if (!report.Committed || report.Accepted != customers)
            {
                throw new InvalidOperationException($"The import did not take every row: {report.Accepted:N0} of {customers:N0} accepted ({report.Failure}).");
            }

            // The same engine's peak under the reference tells how much of the import's peak is DuckDB loading the rows.
            GC.Collect();
            PeakMemory.Reset();
            var reference = await ReferenceAsync(engine, file);
            var referencePeak = PeakMemory.Megabytes();
            if (await CustomerTables.CountAsync(engine, CustomerSchema.Customer360) != customers)
            {
                throw new InvalidOperationException("The reference did not load every row.");
            }

            Console.WriteLine($"Imported {customers:N0} rows in {watch.Elapsed.TotalSeconds:0.00} s (peak {peak:N0} MB); DuckDB's read_csv took {reference.TotalSeconds:0.00} s (peak {referencePeak:N0} MB)");
            return BenchReport.Measured("import", customers, watch.Elapsed) with
            {
                PeakMb = Math.Round(peak, 1),
                ReferenceSeconds = Math.Round(reference.TotalSeconds, 3),
                Ratio = Math.Round(watch.Elapsed.TotalSeconds / reference.TotalSeconds, 2),
                ReferencePeakMb = Math.Round(referencePeak, 1),
            };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // The same replace as one hand-written statement: DuckDB reads the file itself, nothing checked row by row.
    private static async Task<TimeSpan> ReferenceAsync(DuckDbEngine engine, string file)
    {
        await using var connection = await engine.OpenAsync();
        var watch = Stopwatch.StartNew();
        await connection.ExecuteAsync(engine, new SqlStatement(
            $"BEGIN TRANSACTION; DELETE FROM customer_360; INSERT INTO customer_360 BY NAME SELECT * FROM read_csv('{file.Replace("'", "''", StringComparison.Ordinal)}', header = true); COMMIT",
            []));
        return watch.Elapsed;
    }
}
