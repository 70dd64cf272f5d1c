using System.Threading.Channels;

namespace CampaignBot.App.Storage;

/// <summary>
/// Writes committed in groups. A commit waits for the disk (an fsync, 5–10 ms on a busy machine), and writes are
/// serialized, so a hundred approvers clicking at once waited a hundred fsyncs for the last answer. Writes queued through
/// <see cref="WriteGroupedAsync{T}"/> while a commit is under way are committed together next: one transaction, one
/// fsync. One writer runs each group, its bodies one after the other in the order queued, each seeing the writes before
/// it; callers get their own results once the whole group is committed, never before.
/// </summary>
public sealed partial class AppDatabase
{
    /// <summary>More than this waits for the next group, so one commit never carries an unbounded amount of work.</summary>
    public const int MaxGroup = 64;

    private readonly Channel<GroupedWrite> _groups = Channel.CreateUnbounded<GroupedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _groupWriter;

    /// <summary>
    /// <see cref="Write{T}"/>, committed together with the grouped writes other callers queued meanwhile. The body must
    /// be one that can run again: when any body in a group throws, nothing of the group is kept and each body runs again
    /// in a transaction of its own, so only the failing one's caller gets the exception.
    /// </summary>
    public Task<T> WriteGroupedAsync<T>(Func<T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var write = new GroupedWrite<T>(body);
        if (!_groups.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(AppDatabase));
        }

        if (_groupWriter is null)
        {
            lock (_groups)
            {
                _groupWriter ??= Task.Run(WriteGroupsAsync);
            }
        }

        return write.Result;
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<GroupedWrite>(MaxGroup);
        while (await _groups.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroup && _groups.Reader.TryRead(out var write))
            {
                group.Add(write);
            }

            if (group.Count == 1 || !TryCommitTogether(group))
            {
                foreach (var write in group)
                {
                    write.RunAlone(this);
                }
            }

            group.Clear();
        }
    }

    private bool TryCommitTogether(List<GroupedWrite> group)
    {
        try
        {
            Write(() => group.ForEach(write => write.Run()));
        }
        catch (Exception)
        {
            // Rolled back, nothing kept: each body runs again alone, and the one that throws tells its own caller.
            return false;
        }

        group.ForEach(write => write.Committed());
        return true;
    }

    private void CloseGroups()
    {
        _groups.Writer.TryComplete();
        _groupWriter?.Wait(TimeSpan.FromSeconds(10));
    }

    private abstract class GroupedWrite
    {
        public abstract void Run();

        public abstract void Committed();

        public abstract void RunAlone(AppDatabase database);
    }

    private sealed class GroupedWrite<T>(Func<T> body) : GroupedWrite
    {
        // Callers continue off the writer, which goes on to the next group at once.
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _value;

        public Task<T> Result => _result.Task;

        public override void Run() => _value = body();

        public override void Committed() => _result.TrySetResult(_value!);

        public override void RunAlone(AppDatabase database)
        {
            try
            {
                _result.TrySetResult(database.Write(body));
            }
            catch (Exception e)
            {
                _result.TrySetException(e);
            }
        }
    }
}
