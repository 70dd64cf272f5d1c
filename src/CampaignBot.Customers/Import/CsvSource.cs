using System.Runtime.CompilerServices;
using CsvHelper;

namespace CampaignBot.Customers.Import;

/// <summary>Reads a CSV file with a header row (separator detected); lines are counted as the file has them.</summary>
internal static class CsvSource
{
    public static async Task<SourceRows?> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Throw,
        };
        var csv = CsvReader.FromFile(path, options);
        try
        {
            await csv.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
            if (csv.Headers.Count == 0)
            {
                await csv.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            return new SourceRows(csv.Headers.ToArray(), Rows(csv, csv.Headers.Count, cancellationToken), csv);
        }
        catch
        {
            await csv.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async IAsyncEnumerable<SourceRow> Rows(CsvReader csv, int width, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = new string?[width];
            for (var i = 0; i < Math.Min(width, csv.FieldCount); i++)
            {
                values[i] = csv.GetStringOrNull(i);
            }

            yield return new SourceRow(csv.LineNumber, values, csv.FieldCount);
        }
    }
}
