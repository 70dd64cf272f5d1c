using System.Diagnostics;
using System.Threading.Channels;

namespace CampaignBot.App.Notifications;

/// <summary>
/// Notices sent after the change they tell of is committed, off the path of the person who made it: an approver's
/// click is answered once the decision is stored, not after every card update and message in every channel.
/// <list type="bullet">
/// <item>One sender, first in first out, and every notice goes through here, so none overtakes another: a request's card
/// is posted before a decision updates it, and a run's start never before the decision that allowed it.</item>
/// <item>Each goes through <see cref="Notifier"/>, which logs a channel's failure and carries on; each channel's client
/// retries as it did when notices were sent inline.</item>
/// <item>Notices wait for a lull in the changes (<see cref="NoticePacing"/>): during a burst of decisions the CPU goes to
/// answering the clicks, and the card updates go out after.</item>
/// <item>Like a notice sent inline, a queued one lives in memory: a clean stop sends what is queued before the service
/// ends; a crash loses what was not sent yet, as it lost a notice that was being sent inline.</item>
/// </list>
/// </summary>
public sealed partial class NoticeQueue : IHostedService, IDisposable
{
    private readonly Channel<Queued> _queue = Channel.CreateUnbounded<Queued>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _abandon = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Notifier _notifier;
    private readonly NoticePacing _pacing;
    private readonly ILogger<NoticeQueue> _logger;
    private readonly Task _sending;
    private long _lastQueued;

    // Callers waiting for a notice to be sent in turn, and the signal that ends the lull of the notices ahead of theirs.
    private int _inTurn;
    private volatile TaskCompletionSource _flush = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;
    private int _disposed;

    public NoticeQueue(Notifier notifier, NoticePacing pacing, ILogger<NoticeQueue> logger)
    {
        _notifier = notifier;
        _pacing = pacing;
        _logger = logger;

        // Started here rather than with the host, so services composed without a host (the conversation tests) send too.
        _sending = Task.Run(SendAllAsync);
    }

    /// <summary>Notices queued or being sent; zero once everything queued so far is out.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>
    /// Queues <paramref name="notice"/>; call once the change it tells of is committed. While the service stops, after
    /// the queue has closed, the notice is sent before this returns, as notices were before they were queued.
    /// </summary>
    public Task SendAfterAsync(CampaignNotice notice, CancellationToken cancellationToken) =>
        Enqueue(notice, sent: null) ? Task.CompletedTask : _notifier.SendAsync(notice, cancellationToken);

    /// <summary>
    /// Queues <paramref name="notice"/> behind the notices already queued and returns once it is sent, for a caller whose
    /// next step relies on it: a run is done only once its finish has raised its alerts. It keeps the queue's order (a
    /// run's update never overtakes the decision that allowed it) but does not itself wait for a lull.
    /// </summary>
    public async Task SendInTurnAsync(CampaignNotice notice, CancellationToken cancellationToken)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _inTurn);
        if (Enqueue(notice, sent))
        {
            _flush.TrySetResult();
            await sent.Task.WaitAsync(cancellationToken);
        }
        else
        {
            Interlocked.Decrement(ref _inTurn);
            await _notifier.SendAsync(notice, cancellationToken);
        }
    }

    private bool Enqueue(CampaignNotice notice, TaskCompletionSource? sent)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Interlocked.Increment(ref _pending);
        var now = Stopwatch.GetTimestamp();
        Volatile.Write(ref _lastQueued, now);
        if (_queue.Writer.TryWrite(new Queued(notice, now, sent)))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends what is queued before the service ends, for as long as the host's shutdown allows.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Close();
        try
        {
            await _sending.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(Pending);
            await _abandon.CancelAsync();
        }
    }

    public void Dispose()
    {
        // Disposed twice: as the singleton and as the hosted service its factory returned.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Close();
        _abandon.Cancel();

        // The sender may still be reading the tokens; the sources go once it is done.
        _sending.ContinueWith(_ =>
        {
            _abandon.Dispose();
            _closing.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    // No more notices; what is queued goes out without waiting for a lull.
    private void Close()
    {
        _queue.Writer.TryComplete();
        if (!_closing.IsCancellationRequested)
        {
            _closing.Cancel();
        }
    }

    private async Task SendAllAsync()
    {
        await foreach (var (notice, queuedAt, sent) in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                if (sent is null)
                {
                    await LullAsync(queuedAt);
                }

                await _notifier.SendAsync(notice, _abandon.Token);
            }
            catch (Exception e)
            {
                // Notifier already logs a channel's failure; this is a cancellation at shutdown or a bug in it.
                LogFailed(e, notice.GetType().Name);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
                if (sent is not null)
                {
                    Interlocked.Decrement(ref _inTurn);
                    sent.TrySetResult();
                }
            }
        }
    }

    // Until no notice has been queued for the lull, or this one has waited its longest. At once when the service stops,
    // or while a caller waits for a notice queued behind this one (SendInTurnAsync): this one has to go out first.
    private async Task LullAsync(long queuedAt)
    {
        while (!_closing.IsCancellationRequested)
        {
            if (_flush.Task.IsCompleted)
            {
                _flush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            var flush = _flush;
            if (Volatile.Read(ref _inTurn) > 0)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            var untilLull = _pacing.Lull - Stopwatch.GetElapsedTime(Volatile.Read(ref _lastQueued), now);
            var untilMaxHold = _pacing.MaxHold - Stopwatch.GetElapsedTime(queuedAt, now);
            var wait = untilLull < untilMaxHold ? untilLull : untilMaxHold;
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            // Neither a stop nor a flush throws here: the loop looks again at what ended the wait.
            await Task.WhenAny(Task.Delay(wait, _closing.Token), flush.Task);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A queued {Notice} notice could not be sent")]
    private partial void LogFailed(Exception error, string notice);

    private sealed record Queued(CampaignNotice Notice, long QueuedAt, TaskCompletionSource? Sent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The service stopped with {Count} notice(s) not sent")]
    private partial void LogAbandoned(int count);
}
