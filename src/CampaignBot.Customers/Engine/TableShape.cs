using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Engine;

/// <summary>A table for the engine to create: its columns and how its rows belong to customers.</summary>
/// <param name="ByCustomer">
/// Each row belongs to one customer: the table has a customer_id column that is never null, and an engine with
/// shards keeps each row on its customer's shard, as it keeps every other table so keyed, so joins on customer_id
/// never leave a shard.
/// </param>
/// <param name="Temporary">
/// Scratch space for one piece of work, which drops it when done; DuckDB and PostgreSQL also drop it with the
/// connection, and ClickHouse (which has no cluster-wide temporary tables) starts it empty.
/// </param>
public sealed record TableShape(string Name, IReadOnlyList<TableColumn> Columns, bool ByCustomer, bool Temporary = false)
{
    public const string CustomerKey = "customer_id";
}

/// <param name="Required">Never null.</param>
public sealed record TableColumn(string Name, ColumnType Type, bool Required = false);
