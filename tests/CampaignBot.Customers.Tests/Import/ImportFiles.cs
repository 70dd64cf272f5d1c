using System.IO.Compression;
using System.Text;
using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Import;
using CampaignBot.Customers.Tests.Engines;

namespace CampaignBot.Customers.Tests.Import;

/// <summary>Import files written to a folder of their own, and what an engine's tables hold after an import.</summary>
internal sealed class ImportFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignbot-import-").FullName;

    public string Csv(string content) => Bytes(Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\n")), ".csv");

    public string Bytes(byte[] content, string extension = ".csv")
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Gzip(string content, string extension = ".csv.gz")
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\n")));
        }

        return Bytes(buffer.ToArray(), extension);
    }

    /// <summary>A Parquet file DuckDB writes from <paramref name="select"/>.</summary>
    public async Task<string> ParquetAsync(string select)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.parquet");
        await using var duck = new DuckDbFile();
        await using var connection = await duck.Engine.OpenAsync();
        await connection.ExecuteAsync(duck.Engine, new SqlStatement($"COPY ({select}) TO '{path}' (FORMAT parquet)", []));
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static ImportRequest Into(ImportTarget target, ImportMode mode = ImportMode.Upsert, IReadOnlyDictionary<string, string>? columnNames = null) =>
        new() { Target = target, Mode = mode, ColumnNames = columnNames ?? new Dictionary<string, string>() };

    /// <summary>The table's rows as "value|value|…" over <paramref name="columns"/>, in order.</summary>
    public static async Task<List<string>> RowsAsync(CustomerEngine engine, string table, string columns)
    {
        await using var connection = await engine.OpenAsync();
        await using var command = connection.CreateCommand(engine, new SqlStatement($"SELECT {columns} FROM {table}", []));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => EngineReads.Canonical(reader.IsDBNull(i) ? null : reader.GetValue(i)))));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>Whether the engine still has a table named <paramref name="table"/> (a loading table left behind).</summary>
    public static async Task<bool> TableExistsAsync(CustomerEngine engine, string table)
    {
        await using var connection = await engine.OpenAsync();
        try
        {
            await connection.ScalarAsync<long>(engine, new SqlStatement($"SELECT count(*) FROM {table}", []));
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }
}
