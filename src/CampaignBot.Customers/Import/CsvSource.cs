using System.IO.Compression;
using System.Runtime.CompilerServices;
using CsvHelper;

namespace CampaignBot.Customers.Import;

/// <summary>
/// Reads a CSV file (gzip-compressed or not) with a header row: UTF-8 checked, the separator detected (comma,
/// semicolon, tab or |), lines counted as the file has them, one record at a time.
/// </summary>
internal static class CsvSource
{
    // The longest record read: every field at its limit fits many times over; an unclosed quote near the start of a
    // large file would otherwise grow the reader's buffer towards the whole file.
    private const int MaxRecordBytes = 1 << 20;

    public static async Task<SourceRows> OpenAsync(string path, bool gzip, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var length = file.Length;
        CsvReader csv;
        try
        {
            Stream text = gzip ? new GzipLengthCheck(new GZipStream(file, CompressionMode.Decompress), GzipLengthCheck.TrailerLength(file)) : file;
            csv = CsvReader.Create(new Utf8CheckedStream(text), Options(), leaveOpen: false);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        try
        {
            await csv.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            double? Fraction() => length == 0 ? null : Math.Min(1, (double)file.Position / length);
            return new SourceRows(csv.Headers.ToArray(), Rows(csv, csv.Headers.Count, cancellationToken), csv, Fraction, csv.Separator);
        }
        catch
        {
            await csv.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static CsvReaderOptions Options() => new()
    {
        TrackLineNumbers = true,
        TrimWhitespace = true,
        SkipEmptyLines = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        MaxRecordSize = MaxRecordBytes,

        // Exception messages reach reports and logs; values may be personal data.
        IncludeValuesInExceptions = false,
    };

    private static async IAsyncEnumerable<SourceRow> Rows(CsvReader csv, int width, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = new string?[width];
            var fields = csv.FieldCount;
            for (var i = 0; i < Math.Min(width, fields); i++)
            {
                values[i] = csv.GetStringOrNull(i);
            }

            yield return new SourceRow(csv.LineNumber, values, fields);
        }
    }
}
