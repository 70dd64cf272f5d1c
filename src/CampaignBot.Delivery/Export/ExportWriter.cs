using System.IO.Compression;
using CampaignBot.Core.Destinations;
using CsvHelper;

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
/// dropped by reason. The file is written under a temporary name and renamed when complete, and its
/// SHA-256 is computed as it is written; memory stays flat whatever the row count.
/// </summary>
public static class ExportWriter
{
    public static async Task<(ExportFile File, DropTally Dropped)> WriteAsync(
        string folder, string baseName, RowShaper shaper, IAsyncEnumerable<ExportSourceRow> rows, ExportOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new ExportOptions();
        Directory.CreateDirectory(folder);
        var name = baseName + (options.Gzip ? ".csv.gz" : ".csv");
        var path = Path.Combine(folder, name);
        var temporary = path + ".partial";
        var dropped = new DropTally();
        long written = 0;
        string sha256;
        long bytes;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                using var hashing = new HashingStream(file);
                var body = options.Gzip ? new GZipStream(hashing, CompressionLevel.Fastest, leaveOpen: true) : (Stream)hashing;
                await using (var csv = CsvWriter.Create(body, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true))
                {
                    if (options.Header)
                    {
                        csv.WriteHeader(shaper.Fields.ToArray());
                    }

                    await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
                    {
                        var shaped = shaper.Shape(row.Values, row.Country);
                        if (shaped.Dropped is { } reason)
                        {
                            dropped.Add(reason);
                            continue;
                        }

                        foreach (var value in shaped.Values!)
                        {
                            csv.WriteField(value);
                        }

                        await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
                        written++;
                    }

                    await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                if (options.Gzip)
                {
                    // Completes the gzip trailer; the hashing stream itself stays open until its hash is read.
                    await body.DisposeAsync().ConfigureAwait(false);
                }

                await hashing.FlushAsync(cancellationToken).ConfigureAwait(false);
                sha256 = hashing.Sha256Hex();
                bytes = hashing.Written;
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return (new ExportFile(name, written, bytes, sha256), dropped);
    }
}
