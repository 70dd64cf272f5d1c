using System.Data.Common;
using System.Runtime.CompilerServices;
using CampaignBot.Core.Destinations;
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
        var open = new OpenReader(new DuckDBConnection("Data Source=:memory:"));
        try
        {
            await open.Connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            long total;
            await using (var count = open.Connection.CreateCommand())
            {
                // From the files' metadata; no row is read.
                count.CommandText = "SELECT count(*) FROM read_parquet($1)";
                count.Parameters.Add(new DuckDBParameter(path));
                total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            var command = open.Connection.CreateCommand();
            open.Command = command;
            command.CommandText = "SELECT * FROM read_parquet($1)";
            command.Parameters.Add(new DuckDBParameter(path));
            command.UseStreamingMode = true;
            open.Reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var header = Enumerable.Range(0, open.Reader.FieldCount).Select(open.Reader.GetName).ToArray();
            var progress = new RowCount();
            return new SourceRows(header, Rows(open.Reader, progress, cancellationToken), open, () => total == 0 ? null : (double)progress.Rows / total);
        }
        catch
        {
            await open.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async IAsyncEnumerable<SourceRow> Rows(DbDataReader reader, RowCount progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = ++progress.Rows;
            var values = new string?[reader.FieldCount];
            ImportProblem? problem = null;
            for (var i = 0; i < values.Length; i++)
            {
                try
                {
                    values[i] = reader.IsDBNull(i) ? null : ValueText.Of(reader.GetValue(i));
                }
                catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidCastException or OverflowException)
                {
                    // Parquet holds what .NET cannot (a date after 9999-12-31): that row is rejected, the rest import.
                    problem ??= new ImportProblem(row, reader.GetName(i), "holds a value out of range");
                }
            }

            yield return new SourceRow(row, values, values.Length, problem);
        }
    }

    private sealed class RowCount
    {
        public long Rows { get; set; }
    }

    private sealed class OpenReader(DuckDBConnection connection) : IAsyncDisposable
    {
        public DuckDBConnection Connection { get; } = connection;

        public DbCommand? Command { get; set; }

        public DbDataReader? Reader { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (Reader is not null)
            {
                await Reader.DisposeAsync().ConfigureAwait(false);
            }

            if (Command is not null)
            {
                await Command.DisposeAsync().ConfigureAwait(false);
            }

            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
