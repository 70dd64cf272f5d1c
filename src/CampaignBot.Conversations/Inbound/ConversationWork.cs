using System.Threading.Channels;

namespace CampaignBot.Conversations.Inbound;

/// <summary>
/// Work people asked for in chat, done after the channel acknowledged the request: channels must answer within
/// seconds, while a preview or a submission may take longer. Two lanes, each with its own workers and bounded
/// queue: ordinary work (answers to commands, clicks and mentions) first in, first out; and work whose answer opens
/// or updates a form. Opening a form may depend on a short-lived grant from the channel (a trigger that expires
/// seconds after the click), so that lane is never behind ordinary work, and an item that waited past its deadline
/// runs its <c>expired</c> callback instead (a private "click again") rather than a call the channel would refuse.
/// </summary>
public sealed partial class ConversationWork(TimeProvider clock, ILogger<ConversationWork> logger) : BackgroundService
{
    public const int Workers = 4;

    /// <summary>Opening a form is one quick channel call; two workers keep one slow lookup from holding up the next click.</summary>
    public const int FormWorkers = 2;

    private readonly Channel<Func<CancellationToken, Task>> _queue = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    private readonly Channel<FormWork> _forms = Channel.CreateBounded<FormWork>(
        new BoundedChannelOptions(200) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    private int _pending;

    /// <summary>Work queued or running in either lane; zero once everything acknowledged so far is done.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>False when the queue is full: the caller tells the person to try again instead of hanging.</summary>
    public bool TryEnqueue(Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        Interlocked.Increment(ref _pending);
        if (_queue.Writer.TryWrite(work))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    /// <summary>
    /// Work whose answer may open or update a form, in the form lane. <paramref name="expired"/> runs instead of
    /// <paramref name="work"/> when the item starts more than <paramref name="life"/> after now; null for work with
    /// no deadline (updating a form already open, which the channel addresses by its own id).
    /// </summary>
    public bool TryEnqueueForm(Func<CancellationToken, Task> work, Func<CancellationToken, Task>? expired, TimeSpan life)
    {
        ArgumentNullException.ThrowIfNull(work);
        Interlocked.Increment(ref _pending);
        if (_forms.Writer.TryWrite(new FormWork(work, expired, clock.GetUtcNow() + life, life)))
        {
            return true;
        }

        Interlocked.Decrement(ref _pending);
        return false;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            Enumerable.Range(0, Workers).Select(_ => DrainAsync(_queue.Reader, work => work, stoppingToken))
                .Concat(Enumerable.Range(0, FormWorkers).Select(_ => DrainAsync(_forms.Reader, Choose, stoppingToken))));

    private Func<CancellationToken, Task> Choose(FormWork item)
    {
        if (item.Expired is not { } expired || clock.GetUtcNow() <= item.Deadline)
        {
            return item.Work;
        }

        LogDeadlinePassed((clock.GetUtcNow() - item.Deadline + item.Life).TotalMilliseconds);
        return expired;
    }

    private async Task DrainAsync<T>(ChannelReader<T> reader, Func<T, Func<CancellationToken, Task>> start, CancellationToken stoppingToken)
    {
        await foreach (var item in reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await start(item)(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(e);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        }
    }

    private sealed record FormWork(Func<CancellationToken, Task> Work, Func<CancellationToken, Task>? Expired, DateTimeOffset Deadline, TimeSpan Life);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat work failed after it was acknowledged")]
    private partial void LogFailed(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A form waited {Milliseconds} ms to open, past its deadline; the person was asked to click again")]
    private partial void LogDeadlinePassed(double milliseconds);
}
