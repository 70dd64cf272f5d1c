using System.Diagnostics;

namespace CampaignBot.Bench.Triggers;

/// <summary>
/// Reads the outbox as it fills: every <see cref="Interval"/> it reads the rows added to each part file since its last
/// look and notes, per customer id, each time it arrived (a Stopwatch timestamp). A row is counted once its line is
/// complete, so a file still being written is read again at the next look.
/// </summary>
internal sealed class OutboxWatcher(string outbox)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<string, long> _read = new(StringComparer.Ordinal);

    /// <summary>Per customer id, the timestamps at which one of its rows was seen, in order.</summary>
    public Dictionary<string, List<long>> Arrivals { get; } = new(StringComparer.Ordinal);

    public long Rows { get; private set; }

    public async Task WatchAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Look();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by the benchmark; the last look follows.
        }

        Look();
    }

    private void Look()
    {
        if (!Directory.Exists(outbox))
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var file in Directory.EnumerateFiles(outbox, "*.part-*.csv", SearchOption.AllDirectories))
        {
            var done = _read.GetValueOrDefault(file);
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length <= done)
            {
                continue;
            }

            stream.Seek(done, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            var complete = text.LastIndexOf('\n') + 1;
            var first = done == 0;
            foreach (var line in text[..complete].Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (first)
                {
                    first = false;
                    continue;
                }

                var id = line.Split(',')[0].Trim('"', '\r');
                if (!Arrivals.TryGetValue(id, out var times))
                {
                    Arrivals[id] = times = [];
                }

                times.Add(now);
                Rows++;
            }

            _read[file] = done + System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(0, complete));
        }
    }
}
