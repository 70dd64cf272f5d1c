using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Import;

/// <summary>
/// Streams a file's checked rows into the loading table: one task reads and checks rows, another hands them to the
/// engine's bulk insert, with a few batches between them, so parsing and loading use a core each and memory stays
/// at those batches whatever the file's size.
/// </summary>
internal static class ImportLoad
{
    // Rows in flight outlive the young generation's collections and are promoted, so the .NET heap grows with them:
    // 8 batches of 2,048 let it commit up to 144 MB at 3M rows, 2 of 1,024 about 53 MB, as fast (docs/benchmarks.md).
    private const int BatchRows = 1024;
    private const int BatchesInFlight = 2;
    private const int ProgressEveryRows = 1 << 16;

    public static async Task RunAsync(
        CustomerEngine engine, DbConnection connection, string table, SourceRows source, ImportMapping mapping, ImportProblems problems,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<object?[][]>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadAsync(source, mapping, problems, batches.Writer, progress, stop.Token), stop.Token);
        try
        {
            await engine.BulkInsertAsync(connection, table, mapping.Target.Table.Columns, Rows(batches.Reader, stop.Token), stop.Token).ConfigureAwait(false);
        }
        catch
        {
            // The reader must not outlive the load: stop it and let it finish before the caller drops the table.
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(reading).ConfigureAwait(false);
            throw;
        }

        await reading.ConfigureAwait(false);
    }

    private static async Task ReadAsync(
        SourceRows source, ImportMapping mapping, ImportProblems problems, ChannelWriter<object?[][]> batches,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<object?[]>(BatchRows);
            await foreach (var row in source.Rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (++problems.RowsRead % ProgressEveryRows == 0)
                {
                    progress?.Report(new ImportProgress(ImportPhase.Reading, problems.RowsRead, problems.Rejected, source.Fraction));
                }

                if (mapping.Read(row, problems.Reject) is not { } values)
                {
                    continue;
                }

                batch.Add(values);
                if (batch.Count == BatchRows)
                {
                    await batches.WriteAsync([.. batch], cancellationToken).ConfigureAwait(false);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await batches.WriteAsync([.. batch], cancellationToken).ConfigureAwait(false);
            }

            progress?.Report(new ImportProgress(ImportPhase.Reading, problems.RowsRead, problems.Rejected, 1));
        }
        catch (Exception e) when (ImportFile.ReadFailure(e) is { } problem)
        {
            // The rest of the file cannot be read: what was read stays loaded, and the import fails on this problem.
            problems.Stop(problem);
        }
        finally
        {
            batches.TryComplete();
        }
    }

    private static async IAsyncEnumerable<object?[]> Rows(ChannelReader<object?[][]> batches, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in batch)
            {
                yield return row;
            }
        }
    }
}
