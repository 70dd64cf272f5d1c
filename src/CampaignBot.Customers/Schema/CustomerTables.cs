using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Schema;

/// <summary>Creates the customer tables when missing; existing data is left alone.</summary>
public static class CustomerTables
{
    public static async Task EnsureCreatedAsync(CustomerEngine engine, CancellationToken cancellationToken = default)
    {
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in CustomerSchema.Tables)
        {
            await connection.ExecuteAsync(engine, CreateTable(engine, table.Name, table), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await connection.ExecuteAsync(engine, CreateSuppressions(engine, CustomerSchema.Suppressions), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// DDL for a table shaped like <paramref name="shape"/>. No key constraint: DuckDB's index would cost
    /// memory at 10M rows; the generator and the importer keep ids unique themselves.
    /// </summary>
    public static string CreateTable(CustomerEngine engine, string name, CustomerTable shape, bool temporary = false)
    {
        var columns = shape.Columns.Select(c => $"{SqlBuilder.Quote(c.Name)} {engine.TypeOf(c.Type)}{(c == shape.Key ? " NOT NULL" : "")}");
        return $"CREATE {(temporary ? "TEMPORARY " : "")}TABLE IF NOT EXISTS {name} ({string.Join(", ", columns)})";
    }

    public static string CreateSuppressions(CustomerEngine engine, string name)
    {
        var text = engine.TypeOf(ColumnType.Text);
        return $"CREATE TABLE IF NOT EXISTS {name} (customer_id {text}, email {text}, channel {text} NOT NULL, reason {text})";
    }

    public static async Task<long> CountAsync(CustomerEngine engine, CustomerTable table, CancellationToken cancellationToken = default)
    {
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ScalarAsync<long>(engine, new SqlStatement($"SELECT count(*) FROM {table.Name}", []), cancellationToken).ConfigureAwait(false);
    }
}
