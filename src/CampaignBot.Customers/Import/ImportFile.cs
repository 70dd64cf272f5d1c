using System.Data.Common;
using CsvHelper;

namespace CampaignBot.Customers.Import;

/// <summary>
/// Opens an import file by what its first bytes say it is, whatever its name: Parquet ("PAR1"), gzip (a CSV
/// inside), or CSV. Files that are neither (a spreadsheet, UTF-16 text) are refused with what to do instead.
/// </summary>
internal static class ImportFile
{
    public static async Task<(SourceRows? Rows, ImportProblem? Problem)> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return (null, new ImportProblem(null, null, $"there is no file at {path}"));
        }

        var start = await StartAsync(path, cancellationToken).ConfigureAwait(false);
        if (Refusal(start) is { } refused)
        {
            return (null, new ImportProblem(null, null, refused));
        }

        try
        {
            var rows = start.AsSpan().StartsWith("PAR1"u8)
                ? await ParquetSource.OpenAsync(path, cancellationToken).ConfigureAwait(false)
                : await CsvSource.OpenAsync(path, gzip: start.AsSpan().StartsWith(Gzip), cancellationToken).ConfigureAwait(false);
            return rows.Header.Count == 0 ? (null, new ImportProblem(1, null, "the file has no header row")) : (rows, null);
        }
        catch (Exception e) when (ReadFailure(e) is { } problem)
        {
            return (null, problem with { Line = problem.Line ?? 1 });
        }
    }

    /// <summary>The problem a failure while reading the file means, or null for a failure that is not the file's.</summary>
    public static ImportProblem? ReadFailure(Exception exception) => exception switch
    {
        NotUtf8Exception notUtf8 => new ImportProblem(notUtf8.Line, null,
            "not valid UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8), not Latin-1 or Windows-1252"),
        CsvFormatException format => new ImportProblem(format.LineNumber > 0 ? format.LineNumber : null, null, $"the CSV cannot be read: {format.Message}"),
        InvalidDataException => new ImportProblem(null, null, "the gzip data is damaged or cut short; compress the file again"),
        DbException parquet => new ImportProblem(null, null, $"the Parquet file cannot be read: {parquet.Message.Split('\n', 2)[0].Trim()}"),
        _ => null,
    };

    private static ReadOnlySpan<byte> Gzip => [0x1f, 0x8b];

    private static ReadOnlySpan<byte> Utf16LittleEndian => [0xFF, 0xFE];

    private static ReadOnlySpan<byte> Utf16BigEndian => [0xFE, 0xFF];

    private static async Task<byte[]> StartAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var buffer = new byte[4096];
        var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return buffer[..read];
    }

    private static string? Refusal(byte[] start)
    {
        var bytes = start.AsSpan();
        if (bytes.IsEmpty)
        {
            return "the file is empty";
        }

        if (bytes.StartsWith("PK\u0003\u0004"u8))
        {
            return "the file is a ZIP archive (an Excel workbook?); export it as CSV UTF-8 or Parquet";
        }

        if (bytes.StartsWith(Utf16LittleEndian) || bytes.StartsWith(Utf16BigEndian))
        {
            return "the file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)";
        }

        // UTF-16 without a byte order mark puts a zero byte beside every ASCII letter.
        return !bytes.StartsWith(Gzip) && !bytes.StartsWith("PAR1"u8) && bytes.Count((byte)0) > bytes.Length / 4
            ? "the file is not text (it is full of zero bytes: UTF-16, or not a CSV at all); save it as CSV UTF-8 or Parquet"
            : null;
    }
}
