using CampaignBot.Customers.Engine;

namespace CampaignBot.Customers.Schema;

/// <summary>Creates the customer tables when missing; existing data is left alone, and mapped tables are the user's.</summary>
public static class CustomerTables
{
    public static async Task EnsureCreatedAsync(CustomerEngine engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in CustomerSchema.Tables.Where(t => !engine.Tables.IsMapped(t.Name)))
        {
            await engine.CreateTableAsync(connection, Shape(table), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (!engine.Tables.IsMapped(CustomerSchema.Suppressions))
        {
            await engine.CreateTableAsync(connection, SuppressionsShape(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var table in CustomerSchema.EventTables.Where(t => !engine.Tables.IsMapped(t.Name)))
        {
            await engine.CreateTableAsync(connection, Shape(table), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The shape CampaignBot gives its own table of <paramref name="table"/>'s rows.</summary>
    public static TableShape ShapeOf(CustomerTable table, string? name = null) =>
        table == CustomerSchema.SuppressionList ? SuppressionsShape(name ?? table.Name) : Shape(table, name);

    /// <summary>
    /// A table shaped like <paramref name="table"/> (event tables such as transactions hold many rows per customer), named <paramref name="name"/> (its own name by default). No key
    /// constraint: DuckDB's index would cost memory at 10M rows; the generator and the importer keep ids unique themselves.
    /// </summary>
    public static TableShape Shape(CustomerTable table, string? name = null) =>
        new(name ?? table.Name, table.Columns.Select(c => new TableColumn(c.Name, c.Type, Required: c == table.Key)).ToList(), ByCustomer: true);

    /// <summary>Suppressions by customer id, by address, or both; not kept by customer, since most have no id.</summary>
    public static TableShape SuppressionsShape(string name = CustomerSchema.Suppressions) => new(name,
    [
        new(TableShape.CustomerKey, ColumnType.Text),
        new("email", ColumnType.Text),
        new("channel", ColumnType.Text, Required: true),
        new("reason", ColumnType.Text),
    ], ByCustomer: false);

    public static async Task<long> CountAsync(CustomerEngine engine, CustomerTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ScalarAsync<long>(engine, new SqlStatement($"SELECT count(*) FROM {engine.Tables.From(table)} t", []), cancellationToken).ConfigureAwait(false);
    }
}
