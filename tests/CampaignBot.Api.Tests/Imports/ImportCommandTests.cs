using System.Diagnostics;
using System.Net.Http.Json;
using CampaignBot.Api.Cli;
using CampaignBot.Api.Tests.Hosting;
using CampaignBot.Api.Tests.Http;
using CampaignBot.App.Imports;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using Microsoft.Extensions.Time.Testing;

namespace CampaignBot.Api.Tests.Imports;

/// <summary>
/// The built service run as <c>dotnet CampaignBot.Api.dll import FILE --table TABLE</c>, its output read from a pipe as
/// a script would: plain lines, a summary, and an exit code that says whether the rows went in.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_file_is_imported_into_the_configured_engine_with_plain_lines_and_a_summary_and_recorded_with_the_others()
    {
        var file = Write("customers.csv", "customer_id,city,order_count\nK1,Reno,1\nK2,Elko,2\nK3,Ely,3\n");

        var run = await RunAsync("import", file, "--table", "customer_360", "--mode", "replace");

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.StartsWith("Importing customers.csv into customer_360 (replace) on duckdb...", run.Output, StringComparison.Ordinal);
        Assert.Contains("Imported into customer_360: 3 rows read, 3 accepted, 0 rejected in ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', run.Output);
        Assert.Equal(["K1|Reno|1", "K2|Elko|2", "K3|Ely|3"], await RowsAsync());
        await using var service = new CampaignBotFactory(dataFolder: _folder);
        using var ada = service.ClientFor("ada");
        var id = run.Output[(run.Output.IndexOf("(import ", StringComparison.Ordinal) + 8)..].Split(')')[0];
        var recorded = await (await ada.GetAsync($"/api/customers/imports/{id}")).ReadAsync<ImportView>();
        Assert.Equal((ImportStatus.Succeeded, "cli", 3L), (recorded.Status, recorded.Channel, recorded.Accepted));
    }

    [Fact]
    public async Task A_bad_file_exits_1_with_its_problems_and_leaves_the_table_as_it_was()
    {
        Assert.Equal(0, (await RunAsync("import", Write("first.csv", "customer_id,city\nK1,Reno\n"), "--table", "customer_360", "--mode", "replace")).ExitCode);

        var run = await RunAsync("import", Write("second.csv", "customer_id,city,order_count\nK2,Elko,2\nK3,Ely,many\nK2,Ely,4\n"), "--table", "customer_360");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Import into customer_360 failed: 3 rows read, 1 accepted, 2 rejected", run.Output, StringComparison.Ordinal);
        Assert.Contains("  line 3, column order_count: not a whole number", run.Output, StringComparison.Ordinal);
        Assert.Contains("  line 4, column customer_id: the same customer_id as line 2", run.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported: 2 of 3 rows were rejected.", run.Output, StringComparison.Ordinal);
        Assert.Equal(["K1|Reno|∅"], await RowsAsync());
    }

    [Theory]
    [InlineData(new[] { "import", "FILE", "--tabel", "customer_360" }, "'--tabel' is not an option; did you mean --table?")]
    [InlineData(new[] { "import", "FILE", "--table", "orders" }, "--table: There is no table 'orders' to import into.")]
    [InlineData(new[] { "import", "FILE", "--table", "customer_360", "--mode", "merge" }, "--mode: 'merge' is not a mode; use replace, upsert, append")]
    [InlineData(new[] { "import", "--table", "customer_360" }, "Name the file to import.")]
    [InlineData(new[] { "import", "--help" }, "Usage: import FILE --table customer_360|merged_customers|suppressions|transactions [--mode replace|upsert|append]")]
    [InlineData(new[] { "import", "/nowhere/customers.csv", "--table", "customer_360" }, "There is no file at /nowhere/customers.csv.")]
    public async Task A_wrong_command_exits_2_saying_what_is_wrong(string[] args, string message)
    {
        var file = Write("customers.csv", "customer_id\nK1\n");

        var run = await RunAsync([.. args.Select(a => a == "FILE" ? file : a)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "customers.duckdb")));
    }

    [Fact]
    public async Task The_command_refuses_to_run_beside_the_service_on_the_same_settings()
    {
        var port = ServiceProcess.FreePort();
        await using var service = new ServiceProcess(Environment(), "--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(System.Net.HttpStatusCode.OK, await service.HealthAsync(port, TimeSpan.FromSeconds(60)));

        var run = await RunAsync("import", Write("customers.csv", "customer_id\nK1\n"), "--table", "customer_360");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The service is running on these settings: stop it first, or import through the API", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_terminal_the_bar_is_redrawn_in_place_and_elsewhere_plain_lines_come_at_most_every_ten_seconds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var terminal = new StringWriter();
        using var piped = new StringWriter();
        var bar = new ImportProgressBar(terminal, terminal: true, clock);
        var lines = new ImportProgressBar(piped, terminal: false, clock);

        foreach (var step in Enumerable.Range(1, 40))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            var progress = new ImportProgress(ImportPhase.Reading, step * 1000, 0, step / 40.0);
            bar.Report(progress);
            lines.Report(progress);
        }

        bar.Report(new ImportProgress(ImportPhase.Checking, 40_000, 0, 1));
        lines.Report(new ImportProgress(ImportPhase.Checking, 40_000, 0, 1));
        bar.Finish();

        Assert.Equal(40, terminal.ToString().Count(c => c == '\r') - 1);
        Assert.Contains("[##############################] 100%  40,000 rows  00:00:40", terminal.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\r', piped.ToString());
        Assert.Equal(
            ["Read 1,000 rows (3%) in 00:00:01.", "Read 11,000 rows (28%) in 00:00:11.", "Read 21,000 rows (53%) in 00:00:21.", "Read 31,000 rows (78%) in 00:00:31.",
             "Checking the whole file (keys listed twice, keys already stored) (40,000 rows read, 00:00:40)."],
            piped.ToString().Split(System.Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private Dictionary<string, string> Environment() => new()
    {
        ["Customers__DuckDbPath"] = Path.Combine(_folder, "customers.duckdb"),
        ["Storage__LiteDbPath"] = Path.Combine(_folder, "campaignbot.db"),
        ["Imports__Folder"] = Path.Combine(_folder, "imports"),
    };

    private async Task<List<string>> RowsAsync()
    {
        await using var engine = new DuckDbEngine(Path.Combine(_folder, "customers.duckdb"));
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement("SELECT customer_id, city, order_count FROM customer_360 ORDER BY customer_id", []));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)}|{reader.GetString(1)}|{(reader.IsDBNull(2) ? "∅" : reader.GetInt64(2).ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        }

        return rows;
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder };
        start.ArgumentList.Add(ServiceProcess.AppFile());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in Environment())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }
}
