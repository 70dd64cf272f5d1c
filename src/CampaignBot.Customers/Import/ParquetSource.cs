using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;

namespace CampaignBot.Customers.Import;

/// <summary>
/// Reads a Parquet file through an in-memory DuckDB, whichever engine the rows go to: DuckDB's reader
/// handles every Parquet encoding and type, and rows stream out one at a time.
/// </summary>
internal static class ParquetSource
{
    public static async Task<SourceRows> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM read_parquet($1)";
        command.Parameters.Add(new DuckDBParameter(path));
        command.UseStreamingMode = true;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var header = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        return new SourceRows(header, Rows(connection, command, reader, cancellationToken));
    }

    private static async IAsyncEnumerable<SourceRow> Rows(DuckDBConnection connection, DbCommand command, DbDataReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (connection.ConfigureAwait(false))
        await using (command.ConfigureAwait(false))
        await using (reader.ConfigureAwait(false))
        {
            long row = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var values = new string?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null : AsText(reader.GetValue(i));
                }

                yield return new SourceRow(++row, values, values.Length);
            }
        }
    }

    private static string? AsText(object value) => value switch
    {
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
