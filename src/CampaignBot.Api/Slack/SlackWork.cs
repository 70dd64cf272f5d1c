using System.Threading.Channels;

namespace CampaignBot.Api.Slack;

/// <summary>
/// Work Slack asked for, done after the request was acknowledged: Slack wants an answer within 3 seconds,
/// while a preview or a submission may take longer. A few workers drain a bounded queue.
/// </summary>
public sealed partial class SlackWork(ILogger<SlackWork> logger) : BackgroundService
{
    private const int Workers = 4;
    private readonly Channel<Func<CancellationToken, Task>> _queue = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    /// <summary>False when the queue is full: the caller tells the person to try again instead of hanging.</summary>
    public bool TryEnqueue(Func<CancellationToken, Task> work) => _queue.Writer.TryWrite(work);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => DrainAsync(stoppingToken)));

    private async Task DrainAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await work(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack work failed after it was acknowledged")]
    private partial void LogFailed(Exception error);
}
