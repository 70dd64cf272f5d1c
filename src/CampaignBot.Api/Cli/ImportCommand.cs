using CampaignBot.App.Customers;
using CampaignBot.App.Imports;
using CampaignBot.App.Storage;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Schema;
using Microsoft.Extensions.Options;

namespace CampaignBot.Api.Cli;

/// <summary>
/// <c>dotnet run --project src/CampaignBot.Api -- import customers.csv --table customer_360 [--mode upsert]</c>: the API's
/// import, run against the configured engine from the command line while the service is stopped. The settings are
/// the service's own (same files, environment and arguments); the import is recorded with the others, so the API
/// shows it afterwards. Exit code 0 when the rows went in, 1 when nothing was imported, 2 for a wrong command.
/// </summary>
public static class ImportCommand
{
    public static bool Matches(string[] args) => args is [ImportArguments.Verb, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, bool outputIsTerminal)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (ImportArguments.Parse(args, out var wrong) is not { } arguments)
        {
            await errors.WriteLineAsync(wrong is { Length: > 0 } ? $"{wrong}{Environment.NewLine}{ImportArguments.Usage}" : ImportArguments.Usage);
            return 2;
        }

        var upload = new ImportUpload(arguments.Table, arguments.Mode, arguments.Mapping, Stream.Null);
        if (ImportService.Read(upload) is not { } request)
        {
            await errors.WriteLineAsync(string.Join(Environment.NewLine, ImportService.Problems(upload).Select(p => $"--{(p.Path == "mapping" ? "mapping" : p.Path)}: {p.Message}")));
            return 2;
        }

        var file = Path.GetFullPath(arguments.File);
        if (!File.Exists(file))
        {
            await errors.WriteLineAsync($"There is no file at {file}.");
            return 2;
        }

        await using var app = Build(arguments.Settings);
        try
        {
            return await ImportAsync(app.Services, file, request, output, errors, outputIsTerminal);
        }
        catch (OptionsValidationException e)
        {
            await errors.WriteLineAsync("The settings have problems:" + Environment.NewLine + string.Join(Environment.NewLine, e.Failures.Select(f => "  - " + f)));
            return 1;
        }
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string file, ImportRequest request, TextWriter output, TextWriter errors, bool terminal)
    {
        // Reading the options validates them, every problem at once, before anything is touched.
        _ = services.GetRequiredService<IOptions<CustomersOptions>>().Value;
        _ = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var folder = Path.GetFullPath(services.GetRequiredService<IOptions<ImportsOptions>>().Value.Folder, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        if (ServiceLock.IsHeld(folder))
        {
            await errors.WriteLineAsync("The service is running on these settings: stop it first, or import through the API (POST /api/customers/imports).");
            return 1;
        }

        try
        {
            _ = services.GetRequiredService<AppDatabase>();
        }
        catch (Exception e) when (e is IOException or LiteDB.LiteException)
        {
            await errors.WriteLineAsync($"CampaignBot's state file cannot be opened ({e.Message}): stop the service first, or import through the API (POST /api/customers/imports).");
            return 1;
        }

        var engine = services.GetRequiredService<CustomerEngine>();
        if (await TableMappingCheck.ProblemsAsync(engine) is { Count: > 0 } mappingProblems)
        {
            await errors.WriteLineAsync(CustomerTablesCheck.Describe(mappingProblems));
            return 1;
        }

        if (engine.Tables.MappingOf(request.Target.Name) is { } mapped)
        {
            await errors.WriteLineAsync(CustomerImporter.MappedRefusal(mapped));
            return 1;
        }

        var store = services.GetRequiredService<ImportStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var import = new ImportRecord
        {
            Id = Guid.NewGuid(), Table = request.Target.Name, Mode = request.Mode.Name(), Status = ImportStatus.Receiving,
            RequestedBy = "cli", Channel = "cli", Owner = $"cli/{Environment.ProcessId}", StartedAt = now, Heartbeat = now,
        };
        if (store.TryStart(import) is { } running)
        {
            await errors.WriteLineAsync($"Import {running.Id} into {running.Table} is still running (started by {running.RequestedBy} at {running.StartedAt:yyyy-MM-dd HH:mm} UTC); one import per table at a time.");
            return 1;
        }

        await output.WriteLineAsync($"Importing {Path.GetFileName(file)} into {request.Target.Name} ({request.Mode.Name()}) on {engine.Name}...");
        var progress = new ImportProgressBar(output, terminal, clock);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            // The first Ctrl+C stops the import cleanly (the table stays as it was); a second one ends the process.
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        Console.CancelKeyPress += stop;
        ImportRecord finished;
        try
        {
            finished = await services.GetRequiredService<ImportExecution>().RunAsync(import, file, request, progress, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= stop;
            progress.Finish();
        }

        await WriteSummaryAsync(output, ImportView.Of(finished, clock.GetUtcNow()));
        return finished.Status == ImportStatus.Succeeded ? 0 : 1;
    }

    private static async Task WriteSummaryAsync(TextWriter output, ImportView import)
    {
        var outcome = import.Status == ImportStatus.Succeeded ? $"Imported into {import.Table}" : $"Import into {import.Table} failed";
        await output.WriteLineAsync($"{outcome}: {import.RowsRead:N0} rows read, {import.Accepted:N0} accepted, {import.Rejected:N0} rejected in {import.ElapsedSeconds:N1} s (import {import.Id}).");
        foreach (var problem in import.Problems)
        {
            await output.WriteLineAsync("  " + new ImportProblem(problem.Line, problem.Column, problem.Reason));
        }

        if (import.Failure is { } failure)
        {
            await output.WriteLineAsync(failure);
        }
    }

    // The service's own configuration (appsettings, environment, these arguments) and only what an import needs.
    private static WebApplication Build(IReadOnlyList<string> settings)
    {
        var builder = WebApplication.CreateBuilder([.. settings]);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddAppStorage();
        builder.Services.AddCustomerEngine();
        builder.Services.AddImportRecords();
        return builder.Build();
    }
}
