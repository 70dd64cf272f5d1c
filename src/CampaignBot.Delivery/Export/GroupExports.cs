using System.Threading.Channels;
using CampaignBot.Core.Audiences;
using CampaignBot.Core.Destinations;

namespace CampaignBot.Delivery.Export;

/// <summary>
/// Writes every recipient group's file for one destination from a single pass over the audience: rows
/// are routed by group into bounded channels, one export writer per group, so the engine builds the
/// audience once per destination rather than once per file, and memory stays bounded.
/// </summary>
public static class GroupExports
{
    private const int RowsInFlight = 1024;

    /// <param name="baseNames">The file name for each group written; rows of other slots (control, unmatched) are skipped.</param>
    public static async Task<IReadOnlyDictionary<GroupSlot, (ExportFile File, DropTally Dropped)>> WriteAsync(
        string folder, IReadOnlyDictionary<GroupSlot, string> baseNames, RowShaper shaper,
        IAsyncEnumerable<(GroupSlot Slot, ExportSourceRow Row)> rows, ExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channels = baseNames.Keys.ToDictionary(slot => slot, _ => Channel.CreateBounded<ExportSourceRow>(
            new BoundedChannelOptions(RowsInFlight) { SingleReader = true, SingleWriter = true }));
        var writers = baseNames.ToDictionary(pair => pair.Key, pair => WriteOneAsync(folder, pair.Value, shaper, channels[pair.Key], options, stop));

        Exception? failure = null;
        try
        {
            await foreach (var (slot, row) in rows.WithCancellation(stop.Token).ConfigureAwait(false))
            {
                if (channels.TryGetValue(slot, out var channel))
                {
                    await channel.Writer.WriteAsync(row, stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            failure = e;
            await stop.CancelAsync().ConfigureAwait(false);
        }

        foreach (var channel in channels.Values)
        {
            channel.Writer.TryComplete(failure);
        }

        try
        {
            await Task.WhenAll(writers.Values).ConfigureAwait(false);
        }
        catch when (failure is null || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // A writer failed first (the pass only stopped because of it): its error is the one to report.
            throw;
        }
        catch
        {
            // The writers stopped because the source failed; report the source's error below.
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return writers.ToDictionary(pair => pair.Key, pair => pair.Value.Result);
    }

    private static async Task<(ExportFile File, DropTally Dropped)> WriteOneAsync(
        string folder, string baseName, RowShaper shaper, Channel<ExportSourceRow> channel, ExportOptions? options, CancellationTokenSource stop)
    {
        try
        {
            return await ExportWriter.WriteAsync(folder, baseName, shaper, channel.Reader.ReadAllAsync(stop.Token), options, stop.Token).ConfigureAwait(false);
        }
        catch
        {
            // One writer failing stops the pass, so the others are not left waiting on a full channel.
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
