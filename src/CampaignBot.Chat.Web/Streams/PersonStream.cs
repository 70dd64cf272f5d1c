namespace CampaignBot.Chat.Web.Streams;

/// <summary>One entry of a person's stream: its place in their sequence and what the page does with it.</summary>
public sealed record StreamEntry(long Sequence, StreamItem Item);

/// <summary>
/// What the page does with one entry: add a message or form at the end, or replace the one with <see cref="Id"/>
/// (an approval card someone decided, the next step of a form).
/// </summary>
/// <param name="Op">"append" or "replace".</param>
/// <param name="Kind">"message", "form" or "said" (the reader's own words).</param>
/// <param name="Summary">One line for the screen reader's live region.</param>
public sealed record StreamItem(string Op, string Id, string Kind, string Html, string Summary)
{
    public const string Append = "append";
    public const string Replace = "replace";
}

/// <summary>
/// Everything sent to one person, numbered in order, with the last <see cref="Capacity"/> entries kept so a page
/// that reconnects (a dropped connection, a reload) gets what it missed exactly once: it names the last number it
/// read and gets every later entry. Thread-safe; readers wait without polling.
/// </summary>
public sealed class PersonStream
{
    /// <summary>Enough for a long day's conversation; older entries are gone, and a page that asks for them starts afresh.</summary>
    public const int Capacity = 500;

    private readonly Queue<StreamEntry> _entries = new();
    private readonly Lock _lock = new();
    private long _last;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The number of the last entry added; 0 before any.</summary>
    public long Last
    {
        get
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    public long Add(StreamItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Add([item]);
    }

    /// <summary>Adds <paramref name="items"/> one after the other, with nothing from another writer between them.</summary>
    /// <returns>The number of the last one added.</returns>
    public long Add(IReadOnlyList<StreamItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return Last;
        }

        TaskCompletionSource woken;
        long sequence;
        lock (_lock)
        {
            foreach (var item in items)
            {
                _entries.Enqueue(new StreamEntry(++_last, item));
            }

            sequence = _last;
            while (_entries.Count > Capacity)
            {
                _entries.Dequeue();
            }

            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
        return sequence;
    }

    /// <summary>
    /// The entries after <paramref name="after"/>, and whether some between were dropped for room (the page then
    /// starts afresh from what is kept).
    /// </summary>
    public (IReadOnlyList<StreamEntry> Entries, bool Gap) After(long after)
    {
        lock (_lock)
        {
            var kept = _entries.Where(e => e.Sequence > after).ToList();
            var gap = _entries.TryPeek(out var oldest) && oldest.Sequence > after + 1 && after > 0;
            return (kept, gap);
        }
    }

    /// <summary>Completes once an entry after <paramref name="after"/> exists (at once if one does).</summary>
    public Task WaitAfterAsync(long after, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _last > after ? Task.CompletedTask : _next.Task.WaitAsync(cancellationToken);
        }
    }
}
