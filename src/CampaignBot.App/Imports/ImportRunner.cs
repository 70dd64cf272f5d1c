using System.Collections.Concurrent;
using CampaignBot.App.Notifications;
using CampaignBot.Customers.Import;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Imports;

/// <summary>
/// Runs accepted imports in the background, one task each, and tells admins when each ends. Stopping the service
/// stops them: each then reads as failed, its table as it was.
/// </summary>
public sealed partial class ImportRunner(
    ImportExecution execution, ImportStore store, NoticeQueue notices, IOptions<ImportsOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<ImportRunner> logger)
    : IHostedService
{
    private readonly ConcurrentDictionary<Guid, Task> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private FileStream? _serviceLock;

    /// <summary>This process, as the owner of the imports it runs.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Imports <paramref name="file"/> (deleted afterwards) for the claimed <paramref name="import"/>.</summary>
    public void Start(ImportRecord import, string file, ImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(import);
        // Listed before it runs, so an import that ends at once is still removed from the list.
        var listed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[import.Id] = Task.Run(async () =>
        {
            await listed.Task;
            await RunAsync(import, file, request);
        });
        listed.SetResult();
    }

    /// <summary>Completes when the import has ended and its notice has been sent (for callers that must wait, such as tests).</summary>
    public Task WhenFinishedAsync(Guid id) => _running.TryGetValue(id, out var task) ? task : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Another instance on a shared LiteDB file may hold it already; one holder is enough to warn the command line.
        _serviceLock = ServiceLock.TryHold(Path.GetFullPath(options.Value.Folder, environment.ContentRootPath));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_serviceLock is not null)
        {
            await _serviceLock.DisposeAsync();
        }

        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_running.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host gave up waiting; an import still stopping reads as interrupted at the next start.
        }
    }

    private async Task RunAsync(ImportRecord import, string file, ImportRequest request)
    {
        try
        {
            var finished = await execution.RunAsync(import, file, request, null, _stopping.Token);
            await notices.SendInTurnAsync(new CampaignNotice.CustomerImportFinished(ImportView.Of(finished, clock.GetUtcNow())), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCrashed(e, import.Id, import.Table);
            store.Finish(import.Id, ImportReport.Failed($"Nothing was imported: the import stopped on an unexpected error ({e.GetType().Name}); {import.Table} is as it was."));
        }
        finally
        {
            File.Delete(file);
            _running.TryRemove(import.Id, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} into {Table} stopped on an unexpected error")]
    private partial void LogCrashed(Exception error, Guid importId, string table);
}
