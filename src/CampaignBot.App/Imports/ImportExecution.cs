using System.Data.Common;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;

namespace CampaignBot.App.Imports;

/// <summary>
/// Runs one claimed import to its end and records it: progress while it reads (at most once a second), a
/// heartbeat while the engine checks and applies, and the outcome. The service's runner and the command line share it.
/// </summary>
public sealed partial class ImportExecution(CustomerEngine engine, ImportStore store, TimeProvider clock, ILogger<ImportExecution> logger)
{
    public static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(15);

    public async Task<ImportRecord> RunAsync(ImportRecord import, string file, ImportRequest request, IProgress<ImportProgress>? watcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentNullException.ThrowIfNull(request);
        var bytes = new FileInfo(file).Length;
        store.Progress(import.Id, r => (r.Status, r.Bytes) = (ImportStatus.Running, bytes));
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = BeatAsync(import.Id, done.Token);
        ImportReport report;
        try
        {
            report = await new CustomerImporter(engine).ImportAsync(file, request, new Recorded(store, clock, import.Id, watcher), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            report = ImportReport.Failed($"Nothing was imported: the import was stopped (the service is shutting down); {request.Target.Name} is as it was. Import the file again.");
        }
        catch (IOException e)
        {
            LogFileFailed(import.Id, request.Target.Name, e.GetType().Name);
            report = ImportReport.Failed($"Nothing was imported: the file could not be read to its end ({e.GetType().Name}); {request.Target.Name} is as it was.");
        }
        catch (DbException e)
        {
            // The engine's message may quote values; the log gets its kind, the import its meaning.
            LogEngineFailed(import.Id, request.Target.Name, e.GetType().Name);
            report = ImportReport.Failed($"Nothing was imported: the customer engine failed while importing ({e.GetType().Name}); {request.Target.Name} is as it was. Check that {engine.Name} is up and import the file again.");
        }
        finally
        {
            await done.CancelAsync();
            await heartbeat;
        }

        var finished = store.Finish(import.Id, report);
        LogFinished(import.Id, request.Target.Name, finished.Status.ToString(), report.RowsRead, report.Rejected);
        return finished;
    }

    private async Task BeatAsync(Guid id, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(HeartbeatEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                store.Progress(id, _ => { });
            }
        }
        catch (OperationCanceledException)
        {
            // The import ended.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} into {Table} could not read its file: {Error}")]
    private partial void LogFileFailed(Guid importId, string table, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} into {Table} failed in the customer engine: {Error}")]
    private partial void LogEngineFailed(Guid importId, string table, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} into {Table} {Status}: {RowsRead} rows read, {Rejected} rejected")]
    private partial void LogFinished(Guid importId, string table, string status, long rowsRead, long rejected);

    /// <summary>Progress written to the store at most once a second, and passed on to a watcher (the command line's bar).</summary>
    private sealed class Recorded(ImportStore store, TimeProvider clock, Guid id, IProgress<ImportProgress>? watcher) : IProgress<ImportProgress>
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _lastStored = DateTimeOffset.MinValue;

        public void Report(ImportProgress value)
        {
            watcher?.Report(value);
            var now = clock.GetUtcNow();
            lock (_gate)
            {
                if (value.Phase == ImportPhase.Reading && now - _lastStored < TimeSpan.FromSeconds(1))
                {
                    return;
                }

                _lastStored = now;
            }

            store.Progress(id, r => (r.Phase, r.Fraction, r.RowsRead, r.Rejected) = (value.Phase, value.Fraction, value.RowsRead, value.Rejected));
        }
    }
}
