using System.IO.Compression;
using CsvHelper;

namespace CampaignBot.Delivery.Export;

/// <summary>
/// Writes one CSV file ("\n" line endings, optionally gzipped) under a temporary name, hashing it as it
/// is written, and renames it into place only when complete, replacing any file of the same name: a
/// reader never sees half a file, and writing the same file again after a crash replaces it.
/// </summary>
internal static class CsvFile
{
    public const string TemporarySuffix = ".partial";

    /// <param name="header">The header row; null writes none (some destinations' imports refuse one).</param>
    /// <param name="writeRecords">Writes the records and returns how many it wrote.</param>
    public static async Task<ExportFile> WriteAsync(
        string folder, string baseName, bool gzip, IReadOnlyList<string>? header,
        Func<CsvWriter, CancellationToken, Task<long>> writeRecords, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var name = baseName + (gzip ? ".csv.gz" : ".csv");
        var path = Path.Combine(folder, name);
        var temporary = path + TemporarySuffix;
        long rows;
        string sha256;
        long bytes;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                using var hashing = new HashingStream(file);
                var body = gzip ? new GZipStream(hashing, CompressionLevel.Fastest, leaveOpen: true) : (Stream)hashing;
                await using (var csv = CsvWriter.Create(body, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true))
                {
                    if (header is not null)
                    {
                        csv.WriteHeader(header.ToArray());
                    }

                    rows = await writeRecords(csv, cancellationToken).ConfigureAwait(false);
                    await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                if (gzip)
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

        return new ExportFile(name, rows, bytes, sha256);
    }

    /// <summary>Writes one record of values already shaped for the destination; null is an empty field.</summary>
    public static async Task WriteValuesAsync(CsvWriter csv, IReadOnlyList<string?> values, CancellationToken cancellationToken)
    {
        foreach (var value in values)
        {
            csv.WriteField(value);
        }

        await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
    }
}
