using CampaignBot.Customers.Engine;
using CampaignBot.Customers.Schema;

namespace CampaignBot.Customers.Events;

/// <summary>
/// The tables behind triggered campaigns: <c>events</c>, what customers did (written by <c>POST /api/events</c> or by
/// anything else that can insert rows), and <c>trigger_claims</c>, the ledger of which campaign's pass took which
/// event, so no event sends a campaign twice.
/// </summary>
public static class EventSchema
{
    public const string Events = "events";

    public const string TriggerClaims = "trigger_claims";

    /// <summary>The unique index that makes the events API's duplicate-id check a lookup, in DuckDB and PostgreSQL.</summary>
    public const string EventIdIndex = "events_event_id";

    public static CustomerTable EventList { get; } = new(Events,
    [
        new("customer_id", ColumnType.Text, "Customer id"),
        new("event_id", ColumnType.Text, "The sender's id for the event; a replayed id is stored once"),
        new("event_type", ColumnType.Text, "What happened, lower-case (order, signup, cart.abandoned)"),
        new("occurred_at", ColumnType.Timestamp, "When it happened (UTC)"),
        new("properties", ColumnType.Text, "The event's properties as a JSON object"),
        new("received_at", ColumnType.Timestamp, "When CampaignBot stored it (UTC)"),
    ]);

    /// <summary>One row per (campaign, event) a pass took: the event's customer and the run (pass) that sends to them.</summary>
    public static CustomerTable TriggerClaimList { get; } = new(TriggerClaims,
    [
        new("customer_id", ColumnType.Text, "Customer id"),
        new("campaign_id", ColumnType.Text, "Campaign id"),
        new("event_id", ColumnType.Text, "Event id"),
        new("run_id", ColumnType.Text, "The pass (run) that took the event"),
        new("claimed_at", ColumnType.Timestamp, "When the pass took it (UTC)"),
    ]);

    /// <summary>Creates both tables unless they exist; kept by customer, like the send history, so ClickHouse shards them alike.</summary>
    public static async Task EnsureAsync(CustomerEngine engine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        await using var connection = await engine.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in new[] { EventList, TriggerClaimList })
        {
            await engine.CreateTableAsync(connection, CustomerTables.Shape(table), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (engine is not ClickHouseEngine)
        {
            // Each accepted batch inserts its ids ON CONFLICT DO NOTHING against this index: a lookup per id, where a
            // check without it read the whole, ever-growing table. ClickHouse has no unique index and keeps its check.
            await connection.ExecuteAsync(engine, $"CREATE UNIQUE INDEX IF NOT EXISTS {EventIdIndex} ON {Events} (event_id)", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
