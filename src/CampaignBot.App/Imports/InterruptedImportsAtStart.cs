using CampaignBot.App.Storage;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Imports;

/// <summary>
/// With <c>Storage:Connection</c> direct this process is the only one using the LiteDB file, so an import still
/// active at start-up was left by a process that stopped: it reads as failed at once (its table was never changed
/// by it). With a shared file another live instance may be running it; its heartbeat decides (see <see cref="ImportStore.TryStart"/>).
/// </summary>
public sealed partial class InterruptedImportsAtStart(ImportStore imports, IOptions<StorageOptions> storage, ILogger<InterruptedImportsAtStart> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.Value.IsShared && imports.InterruptAll() is var count and > 0)
        {
            LogInterrupted(count);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} customer import(s) were left unfinished by a service that stopped; they read as failed, their tables unchanged")]
    private partial void LogInterrupted(int count);
}
