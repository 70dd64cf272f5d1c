using CampaignBot.Core.Destinations;

namespace CampaignBot.Delivery.Export;

/// <summary>One customer on the way out: attribute values in the shaper's order and their country (for phones).</summary>
public sealed record ExportSourceRow(IReadOnlyList<object?> Values, string? Country);

public sealed record ExportOptions
{
    public bool Gzip { get; init; }

    /// <summary>Some destinations' file imports refuse a header row.</summary>
    public bool Header { get; init; } = true;
}

/// <summary>
/// Streams one (recipient group, destination) into a CSV file shaped for the destination, counting rows
/// dropped by reason; memory stays flat whatever the row count (see <see cref="CsvFile"/> for how the
/// file itself is written).
/// </summary>
public static class ExportWriter
{
    public static async Task<(ExportFile File, DropTally Dropped)> WriteAsync(
        string folder, string baseName, RowShaper shaper, IAsyncEnumerable<ExportSourceRow> rows, ExportOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ExportOptions();
        var dropped = new DropTally();
        var file = await CsvFile.WriteAsync(
            folder, baseName, options.Gzip, options.Header ? shaper.Fields : null,
            async (csv, token) =>
            {
                long written = 0;
                await foreach (var row in rows.WithCancellation(token).ConfigureAwait(false))
                {
                    var shaped = shaper.Shape(row.Values, row.Country);
                    if (shaped.Dropped is { } reason)
                    {
                        dropped.Add(reason);
                        continue;
                    }

                    await CsvFile.WriteValuesAsync(csv, shaped.Values!, token).ConfigureAwait(false);
                    written++;
                }

                return written;
            },
            cancellationToken).ConfigureAwait(false);
        return (file, dropped);
    }
}
