using System.Text;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Schema;
using CampaignBot.Customers.Tests.Engines;
using CampaignBot.Tests.Fuzzing;
using Xunit.Abstractions;

namespace CampaignBot.Customers.Tests.Import;

/// <summary>
/// Mutated and random CSV and Parquet files (bad quotes, other delimiters, invalid UTF-8, huge fields, missing and
/// duplicate headers): the importer answers each with rows it took or rejected by line and reason, or a report of
/// why nothing was imported, never an unexpected exception.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Headers =
    [
        "customer_id,email,lifetime_value,birthdate,loyalty_member,order_count,churn_risk,lifecycle_status",
        "customer_id,phone,state,last_order_date,email_opt_in",
        "email,customer_id,customer_id",
        "email,phone",
        "customer_id,shoe_size",
        "customer_id;email;order_count",
        "\uFEFFcustomer_id,email",
        "",
    ];

    private static readonly string[] Rows =
    [
        "C1,ada@example.com,120.50,1990-04-01,true,3,0.25,active",
        "C2,bob@example.com,0,,no,0,,At Risk",
        "\"C3\",\"quoted, comma\",\"1,000\",\"2026-02-30\",\"maybe\",\"-1\",\"70%\",\"lapsed\"",
        "\"C4\",\"line\nbreak\",5,1990-01-01,yes,1,0.1,\"cooling down\"",
        "C5,\"unterminated,5,1990-01-01",
        "C6,x@y.z,1e400,0000-01-01,1,9999999999999999999999,NaN,sleeping",
        ",,,,,,,",
        "C7",
        "C8,a,b,c,d,e,f,g,h,i",
    ];

    private readonly DuckDbFile _duck = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-import-fuzz-").FullName;

    public Task InitializeAsync() => CustomerTables.EnsureCreatedAsync(_duck.Engine);

    public async Task DisposeAsync()
    {
        await _duck.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Csv_rows_are_read_or_rejected_with_a_reason_by_the_reader_and_mapping()
    {
        var fuzz = Start(2500);
        var path = Path.Combine(_folder, "rows.csv");

        await fuzz.CasesAsync(2500, _ => CsvBytes(fuzz), async bytes =>
        {
            await File.WriteAllBytesAsync(path, bytes);
            await ReadLikeTheImporterAsync(path, fuzz.Pick(ImportTarget.All));
        }, Describe);
    }

    [Fact]
    public async Task Whole_imports_of_mutated_csv_and_parquet_files_end_in_a_report()
    {
        var fuzz = Start(160);
        var parquet = await ParquetAsync();
        var importer = new CustomerImporter(_duck.Engine);
        var committed = 0;

        // One case in eight is a clean file, so some imports go through and the rest are refused whole.
        await fuzz.CasesAsync(160, i => (i % 4 == 0, i % 4 == 0 ? fuzz.MutateBytes(parquet) : i % 8 == 1 ? CleanCsvBytes(fuzz) : CsvBytes(fuzz), i % 8 == 1), async file =>
        {
            var path = Path.Combine(_folder, file.Item1 ? "customers.parquet" : "customers.csv");
            await File.WriteAllBytesAsync(path, file.Item2);
            var target = file.Item3 ? ImportTarget.Customer360 : fuzz.Pick(ImportTarget.All);
            var report = await importer.ImportAsync(path, new ImportRequest { Target = target, Mode = fuzz.Pick([ImportMode.Replace, ImportMode.Upsert]) });
            if (report.Committed)
            {
                committed++;
                Assert.Equal((report.RowsRead, 0L), (report.Accepted, report.Rejected));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(report.Failure));
                Assert.NotEmpty(report.Problems);
                Assert.InRange(report.Accepted + report.Rejected, 0, report.RowsRead);
            }

            Assert.All(report.Problems, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        }, file => $"{(file.Item1 ? "parquet" : "csv")} {Describe(file.Item2)}");

        output.WriteLine($"{committed} of 160 imports committed.");
        Assert.InRange(committed, 1, 159);
    }

    /// <summary>What CustomerImporter does with a file before the engine: the failures it turns into a report are allowed, nothing else.</summary>
    private static async Task ReadLikeTheImporterAsync(string path, ImportTarget target)
    {
        var (source, opened) = await ImportFile.OpenAsync(path, CancellationToken.None);
        if (source is null)
        {
            Assert.False(string.IsNullOrWhiteSpace(opened!.Reason));
            return;
        }

        await using (source)
        {
            var problems = new List<ImportProblem>();
            var mapping = ImportMapping.From(source.Header, target, new Dictionary<string, string>(), source.Separator, problems);
            if (mapping is null)
            {
                Assert.NotEmpty(problems);
                return;
            }

            try
            {
                await foreach (var row in source.Rows)
                {
                    var reasons = new List<ImportProblem>();
                    var values = mapping.Read(row, reasons.Add);
                    Assert.True(values is not null ^ reasons.Count > 0, "A row is either read or rejected with a reason.");
                }
            }
            catch (Exception e) when (ImportFile.ReadFailure(e) is not null)
            {
                // The importer reports these as "after N rows, line L: …".
            }
        }
    }

    private static byte[] CleanCsvBytes(Fuzz fuzz) =>
        Encoding.UTF8.GetBytes(string.Join(fuzz.Pick(["\n", "\r\n"]), new[] { Headers[0] }.Concat(Rows.Take(fuzz.Random.Next(1, 3)))));

    private byte[] CsvBytes(Fuzz fuzz)
    {
        var lines = new List<string> { fuzz.Pick(Headers) };
        lines.AddRange(Enumerable.Range(0, fuzz.Random.Next(0, 8)).Select(_ => fuzz.Pick(Rows)));
        var text = string.Join(fuzz.Pick(["\n", "\r\n", "\r"]), lines);
        return fuzz.Random.Next(4) switch
        {
            0 => Encoding.UTF8.GetBytes(text),
            1 => Encoding.UTF8.GetBytes(fuzz.Mutate(text)),
            2 => fuzz.MutateBytes(Encoding.UTF8.GetBytes(text)),
            _ => Encoding.UTF8.GetBytes(fuzz.Pick(Headers) + "\n" + fuzz.RandomText(400)),
        };
    }

    private async Task<byte[]> ParquetAsync()
    {
        var path = Path.Combine(_folder, "seed.parquet");
        await using (var connection = await _duck.Engine.OpenAsync())
        {
            await connection.ExecuteAsync(_duck.Engine, new SqlStatement(
                $"COPY (SELECT * FROM (VALUES ('P1', 'a@example.com', 12.5::DECIMAL(18,2), DATE '2026-01-02'), ('P2', 'b@example.com', -1, NULL)) t(customer_id, email, lifetime_value, last_order_date)) TO '{path}' (FORMAT parquet)", []));
        }

        return await File.ReadAllBytesAsync(path);
    }

    private static string Describe(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private Fuzz Start(int cases)
    {
        var fuzz = new Fuzz();
        output.WriteLine($"Fuzz seed {fuzz.Seed} (CAMPAIGNBOT_GENERATIVE_SEED overrides it), {cases} cases.");
        return fuzz;
    }
}
