using System.Buffers;
using CampaignBot.App.Application;
using CampaignBot.App.Campaigns;
using CampaignBot.Core.People;
using CampaignBot.Core.Validation;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Schema;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Imports;

/// <summary>What a caller sends to import a file: the table, the mode, optional column names, and the file itself.</summary>
public sealed record ImportUpload(string? Table, string? Mode, string? ColumnNames, Stream File);

/// <summary>
/// Customer file imports for admins: checks the request, claims the table (one import per table at a time), keeps
/// the uploaded file on disk as it arrives (never whole in memory), and hands it to the runner.
/// </summary>
public sealed class ImportService(
    ImportStore store, ImportRunner runner, CustomerEngine engine, IOptions<ImportsOptions> options, IHostEnvironment environment, TimeProvider clock)
{
    public ServiceResult<ImportView> Get(Guid id, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Refusal<ImportView>(Operation.ImportCustomers)
            ?? (store.Get(id) is { } import ? ImportView.Of(import, clock.GetUtcNow()) : new ServiceResult<ImportView>.NotFound($"There is no import {id}."));
    }

    /// <summary>Receives the file and starts importing it; the view says where it stands (Running, or Failed when the upload was empty).</summary>
    public async Task<ServiceResult<ImportView>> StartAsync(ImportUpload upload, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Refusal<ImportView>(Operation.ImportCustomers) is { } refused)
        {
            return refused;
        }

        if (Read(upload) is not { } request)
        {
            return new ServiceResult<ImportView>.Invalid(Problems(upload));
        }

        if (engine.Tables.MappingOf(request.Target.Name) is { } mapped)
        {
            return new ServiceResult<ImportView>.Conflict(CustomerImporter.MappedRefusal(mapped));
        }

        var now = clock.GetUtcNow();
        var import = new ImportRecord
        {
            Id = Guid.NewGuid(), Table = request.Target.Name, Mode = request.Mode.Name(), Status = ImportStatus.Receiving,
            RequestedBy = actor.Person.Id, Channel = actor.Channel, Owner = runner.Owner, StartedAt = now, Heartbeat = now,
        };
        if (store.TryStart(import) is { } running)
        {
            return new ServiceResult<ImportView>.Conflict(
                $"Import {running.Id} into {running.Table} is still running (started by {running.RequestedBy} at {running.StartedAt:yyyy-MM-dd HH:mm} UTC); one import per table at a time. Wait until it ends.");
        }

        var file = await ReceiveAsync(import, upload.File, cancellationToken);
        if (file is null)
        {
            store.Finish(import.Id, ImportReport.Failed($"Nothing was imported: the request had no body; send the CSV or Parquet file as the body. {import.Table} is as it was."));
            return new ServiceResult<ImportView>.Invalid([new ValidationProblem("body", "The body is empty; send the CSV or Parquet file as the request body.", ProblemSeverity.Error)]);
        }

        runner.Start(import, file, request);
        return ImportView.Of(store.Get(import.Id)!, clock.GetUtcNow());
    }

    /// <summary>The table, mode and column names as an import request, or null when any of them is wrong (see <see cref="Problems"/>).</summary>
    public static ImportRequest? Read(ImportUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var target = ImportTarget.Find(upload.Table);
        var columnNames = ImportColumnNames.Parse(upload.ColumnNames, out var namesProblem);
        return target is not null && ImportModes.TryParse(upload.Mode, out var mode) && namesProblem is null
            ? new ImportRequest { Target = target, Mode = mode, ColumnNames = columnNames }
            : null;
    }

    /// <summary>Every problem with the table, mode and column names, each keyed by its parameter.</summary>
    public static IReadOnlyList<ValidationProblem> Problems(ImportUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var problems = new List<ValidationProblem>();
        var tables = string.Join(", ", ImportTarget.All.Select(t => t.Name));
        if (string.IsNullOrWhiteSpace(upload.Table))
        {
            problems.Add(new ValidationProblem("table", $"Say which table to import into: {tables}.", ProblemSeverity.Error));
        }
        else if (ImportTarget.Find(upload.Table) is null)
        {
            var meant = ClosestName.Among(upload.Table, ImportTarget.All.Select(t => t.Name)) is { } closest ? $"; did you mean {closest}?" : ".";
            problems.Add(new ValidationProblem("table", $"There is no table '{Shorten(upload.Table)}' to import into{meant} The tables are {tables}.", ProblemSeverity.Error));
        }

        if (!ImportModes.TryParse(upload.Mode, out _))
        {
            problems.Add(new ValidationProblem("mode", $"'{Shorten(upload.Mode!)}' is not a mode; use {string.Join(", ", ImportModes.Names)} (upsert when left out).", ProblemSeverity.Error));
        }

        ImportColumnNames.Parse(upload.ColumnNames, out var namesProblem);
        if (namesProblem is not null)
        {
            problems.Add(new ValidationProblem("mapping", namesProblem, ProblemSeverity.Error));
        }

        return problems;
    }

    // The upload goes straight to a file in Imports:Folder, a buffer at a time; null when there was nothing to receive.
    private async Task<string?> ReceiveAsync(ImportRecord import, Stream body, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.Value.Folder, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{import.Id:N}.upload");
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        long received = 0;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var reported = clock.GetUtcNow();
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    received += read;
                    if (clock.GetUtcNow() - reported >= TimeSpan.FromSeconds(1))
                    {
                        reported = clock.GetUtcNow();
                        store.Progress(import.Id, r => r.Bytes = received);
                    }
                }
            }

            // Received whole: from here on it is the runner's, so it reads as running from the first answer.
            store.Progress(import.Id, r => (r.Bytes, r.Status) = (received, received > 0 ? ImportStatus.Running : r.Status));
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Too large, cut off, or the caller went away: nothing was imported, and the caller's request ends in the error.
            File.Delete(path);
            store.Finish(import.Id, ImportReport.Failed($"Nothing was imported: the upload did not complete after {received:N0} bytes; {import.Table} is as it was."));
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (received > 0)
        {
            return path;
        }

        File.Delete(path);
        return null;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
